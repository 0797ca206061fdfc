package uk.contactpoint.reports;

import java.util.List;
import java.util.Locale;

/**
 * A chart of one series of counts, drawn on the server as SVG (no script, no external service) with its title and a
 * description that says what it shows in words; the page always puts the table of the same figures beside it.
 *
 * @param id          unique on its page: the ids of the SVG's title and description derive from it
 * @param title       what the chart shows
 * @param description the figures in a sentence, for those who cannot see the chart
 * @param kind        bars (categories) or a line (a series over time)
 * @param labels      the category or period of each value
 * @param values      the counts, none negative
 */
public record Chart(String id, String title, String description, Kind kind, List<String> labels, List<Long> values) {

    public enum Kind { BAR, LINE }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 70;

    public Chart {
        labels = List.copyOf(labels);
        values = List.copyOf(values);
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException("one label per value");
        }
        if (values.stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** The chart as an inline SVG element with role img, labelled by its title and described by its description. */
    public String svg() {
        StringBuilder s = new StringBuilder();
        String t = id + "-title";
        String d = id + "-desc";
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cp-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-labelledby=\"").append(esc(t)).append(' ')
                .append(esc(d)).append("\" focusable=\"false\">");
        s.append("<title id=\"").append(esc(t)).append("\">").append(esc(title)).append("</title>");
        s.append("<desc id=\"").append(esc(d)).append("\">").append(esc(description)).append("</desc>");
        long max = niceMax(values.stream().mapToLong(Long::longValue).max().orElse(0));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // Axes and gridlines at quarters of the scale.
        for (int i = 0; i <= 4; i++) {
            long tick = max * i / 4;
            double y = TOP + plotH - (double) plotH * i / 4;
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(i == 0 ? "#0b0c0c" : "#b1b4b6")
                    .append("\" stroke-width=\"1\"/>");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(fmt(y + 5))
                    .append("\" text-anchor=\"end\" font-size=\"14\" fill=\"#0b0c0c\">").append(tick).append("</text>");
        }
        int n = values.size();
        if (n == 0) {
            s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" font-size=\"16\" fill=\"#0b0c0c\">No figures</text></svg>");
            return s.toString();
        }
        double slot = (double) plotW / n;
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long v = values.get(i);
            double h = max == 0 ? 0 : (double) plotH * v / max;
            double x = LEFT + slot * i;
            double cx = x + slot / 2;
            double y = TOP + plotH - h;
            if (kind == Kind.BAR) {
                double w = Math.max(2, slot * 0.7);
                s.append("<rect x=\"").append(fmt(cx - w / 2)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\" fill=\"#1d70b8\"><title>")
                        .append(esc(labels.get(i))).append(": ").append(v).append("</title></rect>");
                if (n <= 12) {
                    s.append("<text x=\"").append(fmt(cx)).append("\" y=\"").append(fmt(y - 6))
                            .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#0b0c0c\">").append(v).append("</text>");
                }
            } else {
                points.append(points.isEmpty() ? "" : " ").append(fmt(cx)).append(',').append(fmt(y));
                s.append("<circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(y))
                        .append("\" r=\"4\" fill=\"#1d70b8\"><title>").append(esc(labels.get(i))).append(": ").append(v)
                        .append("</title></circle>");
            }
            if (i % every == 0) {
                s.append("<text x=\"").append(fmt(cx)).append("\" y=\"").append(TOP + plotH + 20)
                        .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#0b0c0c\">").append(esc(labels.get(i)))
                        .append("</text>");
            }
        }
        if (kind == Kind.LINE) {
            s.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>");
        }
        s.append("</svg>");
        return s.toString();
    }

    /** A round top for the scale: four steps of 1, 2 or 5 times a power of ten, at least the largest value. */
    static long niceMax(long max) {
        long step = Math.max(1, (max + 3) / 4);
        long power = 1;
        while (power * 10 <= step) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= step) {
                return 4 * m * power;
            }
        }
        return 40 * power;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text for SVG (XML): markup characters escaped. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
