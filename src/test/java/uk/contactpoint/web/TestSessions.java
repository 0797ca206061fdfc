package uk.contactpoint.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fully signed-in web session (both login steps, through {@link WebClient}) for tests outside this package that
 * call the service as a practitioner with their own HTTP client: the session cookie, and a CSRF token for posts.
 */
public final class TestSessions {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** The cookie header value and a CSRF token (for the {@code X-CSRF-TOKEN} header or a {@code _csrf} field). */
    public record Session(String cookie, String csrfToken) {
        @Override
        public String toString() {
            return "Session";
        }
    }

    private TestSessions() {
    }

    public static Session signIn(int port, String username, String password, String pin, String totpSecret) {
        return signIn(port, username, password, pin, totpSecret, java.time.Instant.now());
    }

    /**
     * As {@link #signIn(int, String, String, String, String)}, with the code of the step at {@code codeAt}: a user
     * who has just signed in elsewhere (say, in an OAuth flow) needs the next step's code, since a step is accepted
     * once only.
     */
    public static Session signIn(int port, String username, String password, String pin, String totpSecret,
                                 java.time.Instant codeAt) {
        WebClient web = new WebClient(port);
        web.login(username, password);
        int status = web.secondFactor(pin, uk.contactpoint.access.Totp.code(totpSecret, codeAt)).statusCode();
        String page = web.get("/search").body();
        Matcher m = CSRF.matcher(page);
        if (status != 302 || web.sessionCookie() == null || !m.find()) {
            throw new IllegalStateException("sign-in failed for a test user: status " + status);
        }
        return new Session(WebClient.SESSION + "=" + web.sessionCookie(), m.group(1));
    }
}
