package uk.contactpoint.web;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import uk.contactpoint.access.Totp;

/**
 * A browser-like HTTP client for tests: keeps cookies, reads the CSRF token from pages, posts forms.
 * Its cookie jar sends Secure cookies over plain HTTP to 127.0.0.1, as browsers do for localhost
 * (java.net.CookieManager would not), and remembers each cookie's attributes for assertions. Public so that
 * the API tests sign practitioners in the same way (ApiTokens).
 */
public class WebClient {

    static final String SESSION = "__Host-SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String base;
    private final Jar cookies = new Jar();
    private final HttpClient http;

    public WebClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** Posts a form, taking the CSRF token from the page at {@code formPage}. */
    public HttpResponse<String> post(String formPage, String action, Map<String, String> fields) {
        String page = get(formPage).body();
        Matcher m = CSRF.matcher(page);
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (m.find()) {
            all.put("_csrf", m.group(1));
        }
        return postWithoutFetching(action, all);
    }

    /** Posts a form (CSRF token from {@code formPage}) and keeps the answer as bytes, e.g. a PDF. */
    HttpResponse<byte[]> postBytes(String formPage, String action, Map<String, String> fields) {
        String page = get(formPage).body();
        Matcher m = CSRF.matcher(page);
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (m.find()) {
            all.put("_csrf", m.group(1));
        }
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a file as a multipart form field (CSRF token from {@code formPage}), as a browser's file input does. */
    HttpResponse<String> upload(String formPage, String action, String field, String filename, String content) {
        Matcher m = CSRF.matcher(get(formPage).body());
        String boundary = "----cp" + Long.toHexString(System.nanoTime());
        StringBuilder body = new StringBuilder();
        if (m.find()) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
                    .append(m.group(1)).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field)
                .append("\"; filename=\"").append(filename).append("\"\r\nContent-Type: text/csv\r\n\r\n")
                .append(content).append("\r\n--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
    }

    /** Posts exactly these fields (no CSRF token unless given). */
    public HttpResponse<String> postWithoutFetching(String action, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The first login step only: username and password. */
    public HttpResponse<String> login(String username, String password) {
        return post("/login", "/login", Map.of("username", username, "password", password));
    }

    /** The second login step: PIN and a code. */
    public HttpResponse<String> secondFactor(String pin, String code) {
        return post("/login/second-factor", "/login/second-factor", Map.of("pin", pin, "code", code));
    }

    /** Both login steps, with the code of the current time step; returns the second step's response. */
    public HttpResponse<String> signIn(String username, String password, String pin, String totpSecret) {
        login(username, password);
        return secondFactor(pin, Totp.code(totpSecret, Instant.now()));
    }

    String sessionCookie() {
        return cookies.values.get(SESSION);
    }

    /** The attributes of the last Set-Cookie for the session cookie, e.g. "Secure; HttpOnly; SameSite=Strict". */
    String sessionCookieHeader() {
        return cookies.lastHeaders.get(SESSION);
    }

    /** Drops every cookie, as a browser that was closed. */
    void clearCookies() {
        cookies.values.clear();
    }

    /** Sets a cookie by hand, e.g. to replay a stolen session cookie. */
    void setSessionCookie(String value) {
        cookies.values.put(SESSION, value);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Jar extends CookieHandler {

        final Map<String, String> values = new ConcurrentHashMap<>();
        final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (values.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, headers) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    headers.forEach(this::set);
                }
            });
        }

        private void set(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            lastHeaders.put(name, header);
            boolean expired = header.toLowerCase().contains("max-age=0");
            if (expired || value.isEmpty()) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        }
    }
}
