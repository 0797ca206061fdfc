package uk.contactpoint.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a feed file one row at a time: the header is checked when the reader opens (a wrong header refuses the
 * whole file), then each call to {@link #next()} returns the next data row as a {@link FeedRecord} or a {@link
 * Reject}. Only one row is held at a time, so a file of millions of rows needs no more memory than a small one.
 */
public final class FeedReader implements Closeable {

    private final FeedSource source;
    private final CsvReader csv;
    private final FeedValidator validator;
    private final CountingInputStream counter;
    private long row;

    private FeedReader(FeedSource source, Reader reader, CountingInputStream counter, LocalDate today) throws IOException {
        this.source = source;
        this.csv = new CsvReader(reader);
        this.counter = counter;
        this.validator = new FeedValidator(source, today);
        try {
            checkHeader(record());
        } catch (RuntimeException | IOException e) {
            csv.close();
            throw e;
        }
    }

    /**
     * Opens a UTF-8 feed file and checks its header.
     *
     * @param today the date that dates of birth are checked against (not in the future, not over 25 years ago)
     * @throws FeedRefusedException when the header is missing or is not the source's
     */
    public static FeedReader open(FeedSource source, Path file, LocalDate today) throws IOException {
        CountingInputStream counter = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        // Strict: a byte that is not UTF-8 refuses the file rather than becoming a replacement character in a name.
        return new FeedReader(source, new InputStreamReader(counter, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), counter, today);
    }

    /** Reads a feed from text already open (tests, API batches). */
    public static FeedReader of(FeedSource source, Reader text, LocalDate today) throws IOException {
        return new FeedReader(source, text, null, today);
    }

    /**
     * The next data row, or null at the end of the file. Blank lines are skipped and not counted.
     *
     * @throws FeedRefusedException when the file is not UTF-8, or holds a record no feed could (see {@link CsvReader})
     */
    public FeedRow next() throws IOException {
        while (true) {
            String[] fields = record();
            if (fields == null) {
                return null;
            }
            if (fields.length == 1 && fields[0].isBlank()) {
                continue;
            }
            return validator.validate(++row, fields);
        }
    }

    private String[] record() throws IOException {
        try {
            return csv.next();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FeedRefusedException("The " + source.cliName() + " file is not UTF-8 (it holds a byte that UTF-8 does "
                    + "not allow, at or after line " + csv.line() + "): save or export it as UTF-8 and send it again");
        } catch (CsvReader.TooLargeException e) {
            throw new FeedRefusedException("The " + source.cliName() + " file cannot be read as CSV. " + e.getMessage());
        }
    }

    /** The data rows read so far. */
    public long rowsRead() {
        return row;
    }

    /** Bytes of the file consumed so far (for progress); 0 when reading from a {@link Reader}. */
    public long bytesRead() {
        return counter == null ? 0 : counter.count();
    }

    public FeedSource source() {
        return source;
    }

    private void checkHeader(String[] header) {
        List<String> expected = source.header();
        if (header == null || header.length == 1 && header[0].isBlank()) {
            throw new FeedRefusedException("The " + source.cliName() + " file is empty: it must start with the "
                    + "header line " + String.join(",", expected));
        }
        List<String> actual = new ArrayList<>(header.length);
        for (String column : header) {
            actual.add(column.trim().toLowerCase(Locale.ROOT));
        }
        if (actual.equals(expected)) {
            return;
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(expected);
        StringBuilder message = new StringBuilder("The header of the ").append(source.cliName())
                .append(" file is not the ").append(source.cliName()).append(" feed's, so no row was read: ");
        if (!missing.isEmpty()) {
            message.append("missing column(s) ").append(String.join(", ", missing)).append("; ");
        }
        if (!unexpected.isEmpty()) {
            message.append("unexpected column(s) ").append(String.join(", ", unexpected)).append("; ");
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            message.append("the columns are in another order or repeated; ");
        }
        message.append("expected exactly: ").append(String.join(",", expected));
        throw new FeedRefusedException(message.toString());
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
