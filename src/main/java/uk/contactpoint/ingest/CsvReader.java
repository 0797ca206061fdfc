package uk.contactpoint.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated fields, optionally in double quotes, a quote inside quotes doubled, line
 * breaks (CRLF or LF) allowed inside quotes. A byte order mark at the start is skipped. Lenient where the RFC
 * is silent: text after a closing quote is kept, and an unterminated quote ends at the end of the input.
 * Public because feeds and the {@code link} command share it; it streams, and refuses a record of more than
 * {@link #MAX_RECORD_CHARS} characters or {@link #MAX_FIELDS} fields (an unclosed quote, a file that is not CSV), so
 * memory stays bounded whatever the file holds.
 */
public final class CsvReader implements Closeable {

    /** The longest record read: far beyond any real feed row (a few hundred characters), far below harm. */
    public static final int MAX_RECORD_CHARS = 1_000_000;
    /** The most fields in a record. */
    public static final int MAX_FIELDS = 1_000;

    /** A record too long or with too many fields: the rest of the file cannot be trusted to be split right. */
    public static final class TooLargeException extends IOException {
        private final long line;

        TooLargeException(long line, String what) {
            super("Line " + line + ": " + what + ". Is a quote left open? The file was not read past this line.");
            this.line = line;
        }

        /** The line the record started on. */
        public long line() {
            return line;
        }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;
    private final StringBuilder field = new StringBuilder(64);

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The line number (1-based, counting line breaks inside quotes) where the next record starts. */
    public long line() {
        return line;
    }

    /** The next record's fields, or null at the end of the input. A blank line is a record of one empty field. */
    public String[] next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>(16);
        field.setLength(0);
        boolean quoted = false;
        long startLine = line;
        int chars = 0;
        while (true) {
            if (++chars > MAX_RECORD_CHARS) {
                throw new TooLargeException(startLine, "a record longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (quoted) {
                if (c == -1) {
                    fields.add(field.toString());
                    return fields.toArray(String[]::new);
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                if (fields.size() >= MAX_FIELDS) {
                    throw new TooLargeException(startLine, "a record of more than " + MAX_FIELDS + " fields");
                }
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(field.toString());
                return fields.toArray(String[]::new);
            } else if (c == '\r') {
                int d = peek();
                if (d != '\n') {
                    // a lone CR is a line break too
                    line++;
                    fields.add(field.toString());
                    return fields.toArray(String[]::new);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
