package uk.contactpoint.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import uk.contactpoint.ContactPointApplication;

/**
 * Benchmark (not a test): the service under steady load on a loaded PostgreSQL directory (issue 11 part 3), the
 * service in-process, practitioners signed in through the real pages, half searches and half record views, audit on.
 * <ul>
 * <li>{@code restart SECONDS CLIENTS}: the clients send without pause; a third of the way in, PostgreSQL itself is
 * restarted ({@code pg_ctlcluster 15 main restart}: run as root on the database's machine). Every request is
 * answered 200 or 503, none hangs (the client gives up after 60 s), and the service serves again by itself.</li>
 * <li>{@code soak MINUTES CLIENTS RATE}: the clients send RATE requests a second in all for MINUTES; every 30 s the
 * errors, latency and memory (live heap after a full collection, process RSS) are sampled. Zero errors
 * and memory that stops growing are the targets.</li>
 * </ul>
 * Each writes its figures and the machine to {@code docs/bench/} (a table, and for the soak an SVG chart).
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=uk.contactpoint.bench.FaultBench
 * -Dexec.args="jdbc:postgresql://127.0.0.1:5432/DB TRUTH_DIR soak 30 8 40"}
 */
public final class FaultBench {

    /** One answer: sent at (ms from the start), its status (-1: no answer), how long it took. */
    private record Answer(long sentMs, int status, long tookMs, String failure) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path truth = Path.of(args[1]);
        String mode = args[2];
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        try (ConfigurableApplicationContext context = BenchService.start(app, url)) {
            uk.contactpoint.directory.Directory directory = context.getBean(uk.contactpoint.directory.Directory.class);
            if (directory.blockingKeyCount() == 0) {
                System.out.printf("indexed %,d children for search%n",
                        context.getBean(uk.contactpoint.search.internal.BlockingIndex.class).backfill());
                directory.tidyAfterBulkLoad();
            }
            List<String> queries = SearchBench.queries(truth.resolve("children.csv"), 5_000, new Random(1));
            List<String> ids = SearchBench.ids(truth.resolve("children.csv"), 5_000, new Random(2));
            String base = BenchService.base(context);
            if (mode.equals("restart")) {
                restart(base, BenchService.practitioners(context, Integer.parseInt(args[4])), queries, ids, Integer.parseInt(args[3]));
            } else {
                soak(base, BenchService.practitioners(context, Integer.parseInt(args[4])), queries, ids, Integer.parseInt(args[3]),
                        Double.parseDouble(args[5]));
            }
        }
    }

    private static Answer send(String base, BenchService.Session s, List<String> queries, List<String> ids, int i, long start) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = i % 2 == 0 ? SearchBench.search(base, s.cookie(), s.csrf(), queries.get((i / 2) % queries.size()))
                    : SearchBench.view(base, s.cookie(), s.csrf(), ids.get((i / 2) % ids.size()));
            return new Answer((sent - start) / 1_000_000, r.statusCode(), (System.nanoTime() - sent) / 1_000_000, null);
        } catch (Exception e) {
            return new Answer((sent - start) / 1_000_000, -1, (System.nanoTime() - sent) / 1_000_000, e.getClass().getSimpleName());
        }
    }

    private static void restart(String base, BenchService.Session[] sessions, List<String> queries, List<String> ids, int seconds)
            throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < sessions.length; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                for (int i = client * 101; System.nanoTime() < end; i++) {
                    answers.add(send(base, sessions[client], queries, ids, i, start));
                }
            });
            clients.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L / 3);
        long restartAt = (System.nanoTime() - start) / 1_000_000;
        Process p = new ProcessBuilder("pg_ctlcluster", "15", "main", "restart").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes()).trim();
        int exit = p.waitFor();
        long restartedAt = (System.nanoTime() - start) / 1_000_000;
        for (Thread thread : clients) {
            thread.join();
        }
        List<Answer> all = new ArrayList<>(answers);
        all.sort(java.util.Comparator.comparingLong(Answer::sentMs));
        Map<Integer, Long> byStatus = new TreeMap<>();
        all.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        long longest = all.stream().mapToLong(Answer::tookMs).max().orElse(0);
        long hung = all.stream().filter(a -> a.tookMs() >= SearchBench.TIMEOUT.toMillis()).count();
        long lastFailure = all.stream().filter(a -> a.status() != 200).mapToLong(Answer::sentMs).max().orElse(-1);
        long firstOkAfter = all.stream().filter(a -> a.status() == 200 && a.sentMs() > Math.max(lastFailure, restartAt))
                .mapToLong(Answer::sentMs).min().orElse(-1);
        StringBuilder md = new StringBuilder();
        md.append("# PostgreSQL restarted under load (`FaultBench restart`)\n\n");
        md.append(machine()).append('\n');
        md.append(String.format("%d clients (practitioners, a session each) searching and opening records without pause for %d s, "
                + "audit on. At %.1f s `pg_ctlcluster 15 main restart` ran (exit %d%s); it returned at %.1f s.%n%n", sessions.length,
                seconds, restartAt / 1000.0, exit, said.isEmpty() ? "" : ", said: " + said.replace('\n', ' '), restartedAt / 1000.0));
        md.append("| answers | ").append(all.size()).append(" |\n|---|---|\n");
        byStatus.forEach((status, n) -> md.append("| ").append(status < 0 ? "no answer (client error)" : "status " + status)
                .append(" | ").append(n).append(" |\n"));
        md.append("| longest request | ").append(longest).append(" ms |\n");
        md.append("| requests unanswered after ").append(SearchBench.TIMEOUT.toSeconds()).append(" s (hung) | ").append(hung).append(" |\n");
        md.append("| last request answered other than 200 | ").append(lastFailure < 0 ? "none" : String.format("sent %.1f s after the restart began",
                (lastFailure - restartAt) / 1000.0)).append(" |\n");
        md.append("| first 200 after that | ").append(firstOkAfter < 0 ? "none" : String.format("sent %.1f s after the restart began",
                (firstOkAfter - restartAt) / 1000.0)).append(" |\n\n");
        md.append("Answers per second around the restart (by when the request was sent):\n\n| second | 200 | 503 | other |\n|---|---|---|---|\n");
        for (long sec = restartAt / 1000 - 3; sec <= restartedAt / 1000 + 6; sec++) {
            long from = sec * 1000;
            long ok = 0, unavailable = 0, other = 0;
            for (Answer a : all) {
                if (a.sentMs() >= from && a.sentMs() < from + 1000) {
                    if (a.status() == 200) {
                        ok++;
                    } else if (a.status() == 503) {
                        unavailable++;
                    } else {
                        other++;
                    }
                }
            }
            md.append("| ").append(sec).append(" | ").append(ok).append(" | ").append(unavailable).append(" | ").append(other).append(" |\n");
        }
        all.stream().filter(a -> a.failure() != null).map(Answer::failure).distinct()
                .forEach(f -> md.append("\nClient-side failure seen: `").append(f).append("`\n"));
        write("pg-restart.md", md.toString());
    }

    private static void soak(String base, BenchService.Session[] sessions, List<String> queries, List<String> ids, int minutes,
                             double rate) throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + minutes * 60_000_000_000L;
        double interval = sessions.length / rate * 1e9;
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < sessions.length; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                long due = start + (long) (interval * client / sessions.length);
                for (int i = client * 101; due < end; i++, due += (long) interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    answers.add(send(base, sessions[client], queries, ids, i, start));
                }
            });
            clients.add(thread);
            thread.start();
        }
        List<String> rows = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        long errors = 0, total = 0;
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int sample = 1; System.nanoTime() < end; sample++) {
            long next = start + sample * 30_000_000_000L;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            List<Long> took = new ArrayList<>();
            long windowErrors = 0;
            for (Answer a; (a = answers.poll()) != null; ) {
                took.add(a.tookMs());
                byStatus.merge(a.status(), 1L, Long::sum);
                if (a.status() != 200) {
                    windowErrors++;
                }
            }
            java.util.Collections.sort(took);
            errors += windowErrors;
            total += took.size();
            double minute = (System.nanoTime() - start) / 60e9;
            // the live heap: a full collection at each sample (once in 30 s; it shows in that window's p99)
            System.gc();
            double oldAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            double rss = rssKb() / 1024.0;
            double heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0;
            points.add(new double[] {minute, oldAfterGc, rss});
            String row = String.format("| %.1f | %d | %d | %s | %s | %.0f | %.0f | %.0f | %d |", minute, took.size(), windowErrors,
                    took.isEmpty() ? "-" : took.get(took.size() / 2) + " ms", took.isEmpty() ? "-" : took.get((int) Math.min(took.size() - 1, Math.round(0.99 * (took.size() - 1)))) + " ms",
                    oldAfterGc, heapUsed, rss, Thread.activeCount());
            rows.add(row);
            System.out.println(row);
        }
        for (Thread thread : clients) {
            thread.join();
        }
        int warm = Math.min(points.size() - 1, 10); // after 5 minutes
        double early = points.subList(warm, Math.min(points.size(), warm + 10)).stream().mapToDouble(p -> p[1]).average().orElse(0);
        double late = points.subList(Math.max(warm, points.size() - 10), points.size()).stream().mapToDouble(p -> p[1]).average().orElse(0);
        StringBuilder md = new StringBuilder("# Soak run (`FaultBench soak`)\n\n").append(machine()).append('\n');
        md.append(String.format("%d clients (a session each) at %.0f requests/s in all, half searches and half record views, audit on, "
                + "for %d minutes: **%,d requests, %d errors** (%s).%n%n", sessions.length, rate, minutes, total, errors, byStatus));
        md.append(String.format("Live heap (after a full collection at each sample): %.0f MB averaged over minutes 5-10, %.0f MB over "
                + "the last 5 minutes (%+.1f%%).%n%n![Memory over the soak run](soak.svg)%n%n", early, late, early == 0 ? 0 : 100 * (late - early) / early));
        md.append("| minute | requests | errors | p50 | p99 | live heap after full GC (MB) | heap committed (MB) | RSS (MB) | threads |\n|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        write("soak.md", md.toString());
        write("soak.svg", chart(points, minutes));
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }

    /** Two lines over the run's minutes: live heap after a full GC and RSS, in MB; an SVG with a title and description. */
    static String chart(List<double[]> points, int minutes) {
        double maxMb = points.stream().mapToDouble(p -> Math.max(p[1], p[2])).max().orElse(1) * 1.1;
        int w = 640, h = 300, left = 60, bottom = 40, top = 20, right = 20;
        StringBuilder svg = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-labelledby=\"t d\"><title id=\"t\">Memory during the soak run</title><desc id=\"d\">Process RSS and live heap "
                + "after a full garbage collection, in MB, sampled every 30 seconds over %d minutes</desc>", w, h, minutes));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        double sx = (w - left - right) / (double) Math.max(1, minutes);
        double sy = (h - top - bottom) / maxMb;
        for (int i = 0; i <= 4; i++) {
            double mb = maxMb * i / 4;
            double y = h - bottom - mb * sy;
            svg.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
                    + "text-anchor=\"end\">%.0f MB</text>", left, w - right, y, y, left - 4, y + 4, mb));
        }
        for (int m = 0; m <= minutes; m += Math.max(1, minutes / 6)) {
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d min</text>", left + m * sx, h - bottom + 16, m));
        }
        String[] colours = {"#1d70b8", "#d4351c"};
        String[] names = {"live heap after full GC", "RSS"};
        for (int series = 0; series < 2; series++) {
            StringBuilder line = new StringBuilder();
            for (double[] p : points) {
                line.append(String.format("%.1f,%.1f ", left + p[0] * sx, h - bottom - p[series + 1] * sy));
            }
            svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>", colours[series], line.toString().trim()));
            svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", left + 10 + series * 200, top + 4, colours[series], names[series]));
        }
        return svg.append("</svg>\n").toString();
    }

    static String machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.split(":", 2)[1].trim()).orElse("unknown CPU");
        return String.format("Machine: %d vCPU (%s), %.0f GiB, %s %s, PostgreSQL on the same machine; run %s.%n",
                Runtime.getRuntime().availableProcessors(), cpu,
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), LocalDate.now());
    }

    private static void write(String name, String content) throws Exception {
        Path dir = Path.of("docs/bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), content);
        System.out.println("wrote " + dir.resolve(name));
        if (name.endsWith(".md")) {
            System.out.print(content);
        }
    }
}
