package uk.contactpoint.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.SourceIdentifier.Scheme;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.RecordLinker;
import uk.contactpoint.linkage.Sex;

/**
 * Applies a validated feed file to the directory (ADR 13): each good row is matched against the directory and
 * linked to a child, made a new child, put in the review queue, or quarantined when it might describe a
 * shielded child. Rows are applied in chunks, each in one transaction with the batch row that records the last
 * row committed: an interrupted run leaves the directory as after its last chunk, and running the same file
 * again resumes there; a file applied completely is recognised by its SHA-256 and not applied twice.
 */
@Service
public class FeedIngestion {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FeedIngestion.class);

    /** Rows per transaction unless the caller says otherwise. */
    public static final int DEFAULT_CHUNK_ROWS = 10_000;
    static final int PER_KEY_CAP = 500;
    static final int CANDIDATE_LIMIT = 50;
    /** Records of each kind (file rows, existing children) the model of a run is fitted on. */
    static final int FIT_SAMPLE = 20_000;

    /** Progress of a run: rows read so far and bytes of the file consumed. */
    public interface Progress {
        Progress NONE = (rows, bytes) -> { };

        void update(long rows, long bytes);
    }

    /** Where each good row went: the child it was linked to or created as (null for review and quarantine). */
    public interface Placements {
        Placements NONE = (row, outcome, child) -> { };

        void placed(long row, Outcome outcome, Long childId);
    }

    /** What became of a good row. */
    public enum Outcome { LINKED, CREATED, REVIEW, QUARANTINED }

    private final Directory directory;
    private final IngestBatches batches;
    private final ReviewDecisions decisions;
    private final TransactionTemplate transactions;
    private final PostcodeDistricts districts = PostcodeDistricts.load();

    private final uk.contactpoint.safeguards.ProtectedFields fields;

    FeedIngestion(Directory directory, IngestBatches batches, ReviewDecisions decisions,
            PlatformTransactionManager transactionManager, uk.contactpoint.safeguards.ProtectedFields fields) {
        this.fields = fields;
        this.directory = directory;
        this.batches = batches;
        this.decisions = decisions;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Applies a file with the default chunk size, as of today. */
    public IngestSummary apply(FeedSource source, Path file, Consumer<Reject> rejects) throws IOException {
        return apply(source, file, DEFAULT_CHUNK_ROWS, LocalDate.now(), rejects, Progress.NONE);
    }

    /**
     * Applies a feed file. Every reject is passed to {@code rejects} (also those of rows an earlier, interrupted
     * run had committed, so the report is whole); none reaches the directory.
     *
     * @param chunkRows rows per transaction
     * @param today     the date of the values recorded (provenance) and of date-of-birth checks
     * @throws FeedRefusedException when the file's header is not the source's
     */
    public IngestSummary apply(FeedSource source, Path file, int chunkRows, LocalDate today, Consumer<Reject> rejects,
            Progress progress) throws IOException {
        return apply(source, file, chunkRows, today, rejects, progress, Placements.NONE);
    }

    /** As {@link #apply(FeedSource, Path, int, LocalDate, Consumer, Progress)}, telling where each good row went. */
    public IngestSummary apply(FeedSource source, Path file, int chunkRows, LocalDate today, Consumer<Reject> rejects,
            Progress progress, Placements placements) throws IOException {
        long started = System.nanoTime();
        String code = dataSource(source);
        String sha = sha256(file);
        Optional<IngestBatches.Batch> existing = batches.find(code, sha);
        if (existing.isPresent() && existing.get().completed()) {
            IngestBatches.Counts c = existing.get().counts();
            return summary(existing.get().id(), true, c.lastRow, c, started, 0);
        }
        LinkageModel model;
        long fitMillis = 0;
        long readNanos = 0;
        long batchId;
        IngestBatches.Counts counts;
        if (existing.isPresent()) {
            model = deserialise(existing.get().model());
            batchId = existing.get().id();
            counts = existing.get().counts();
        } else {
            readsToTheEnd(source, file, today);
            long fitStart = System.nanoTime();
            model = fit(source, file, today);
            fitMillis = (System.nanoTime() - fitStart) / 1_000_000;
            batchId = batches.start(code, file.getFileName().toString(), sha, serialise(model));
            counts = new IngestBatches.Counts();
        }
        indexChildrenWithoutKeys();
        long resumedAfter = counts.lastRow;
        long processed = 0;
        long chunks = 0;
        directory.refreshStatistics();
        ChunkApplier applier = new ChunkApplier(directory, batches, decisions, districts, source, code, batchId, model, today,
                placements, fields);
        try (FeedReader reader = FeedReader.open(source, file, today)) {
            List<FeedRow> chunk = new ArrayList<>(Math.min(chunkRows, 100_000));
            boolean more = true;
            while (more) {
                chunk.clear();
                long readStart = System.nanoTime();
                FeedRow row;
                while (chunk.size() < chunkRows && (row = reader.next()) != null) {
                    if (row instanceof Reject reject) {
                        rejects.accept(reject);
                    }
                    if (row.row() > resumedAfter) {
                        chunk.add(row);
                    }
                }
                readNanos += System.nanoTime() - readStart;
                more = chunk.size() == chunkRows;
                boolean finished = !more;
                IngestBatches.Counts next = counts.copy();
                transactions.executeWithoutResult(status -> {
                    List<FeedRecord> good = new ArrayList<>(chunk.size());
                    Map<List<String>, Long> rejectKinds = new HashMap<>();
                    for (FeedRow r : chunk) {
                        next.read++;
                        next.lastRow = r.row();
                        if (r instanceof FeedRecord record) {
                            good.add(record);
                        } else {
                            next.rejected++;
                            if (r instanceof Reject reject) {
                                rejectKinds.merge(List.of(reject.field(), reject.reason()), 1L, Long::sum);
                            }
                        }
                    }
                    batches.rejected(batchId, rejectKinds);
                    for (Outcome outcome : applier.apply(good)) {
                        next.good++;
                        switch (outcome) {
                            case LINKED -> next.linked++;
                            case CREATED -> next.created++;
                            case REVIEW -> next.review++;
                            case QUARANTINED -> next.quarantined++;
                        }
                    }
                    batches.committed(batchId, next, finished);
                });
                counts = next;
                processed += chunk.size();
                chunks++;
                if ((chunks & (chunks - 1)) == 0) {
                    // after chunks 1, 2, 4, 8...: the planner keeps up with tables this run is growing
                    directory.refreshStatistics();
                }
                progress.update(reader.rowsRead(), reader.bytesRead());
            }
        }
        log.info("Ingest batch {} ({}): {} rows in {} ms; model fit {} ms; reading {} ms; {}", batchId, code, processed,
                (System.nanoTime() - started) / 1_000_000, fitMillis, readNanos / 1_000_000, applier.phases());
        return summary(batchId, false, resumedAfter, counts, started, processed);
    }

    /**
     * Children loaded in bulk ({@code load-population}) have no blocking keys until the search module's
     * background job reaches them, so no row would find them: the directory is asked to index them first (the
     * search module computes the keys, with the one key function every child gets).
     */
    private void indexChildrenWithoutKeys() {
        long after = 0;
        while (true) {
            List<Long> ids = directory.withoutBlockingKeys(after, 5_000);
            if (ids.isEmpty()) {
                return;
            }
            transactions.executeWithoutResult(status -> directory.reindex(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    private static IngestSummary summary(long id, boolean already, long resumedAfter, IngestBatches.Counts c,
            long started, long processed) {
        return new IngestSummary(id, already, already ? 0 : resumedAfter, c.read, c.good, c.rejected, c.linked,
                c.created, c.review, c.quarantined, (System.nanoTime() - started) / 1_000_000, processed);
    }

    /**
     * Reads the whole file once before any of it is applied, so that a file which cannot be read to its end (not
     * UTF-8, an unclosed quote, a record no feed could hold) is refused whole and changes nothing, rather than
     * being applied up to the line where it breaks. Rows that fail validation are not counted here: they are
     * rejected one by one when the file is applied.
     *
     * @throws FeedRefusedException saying what is wrong and near which line
     */
    static void readsToTheEnd(FeedSource source, Path file, LocalDate today) throws IOException {
        try (FeedReader reader = FeedReader.open(source, file, today)) {
            while (reader.next() != null) {
                // each row parsed and validated, then dropped
            }
        }
    }

    /**
     * One model per batch, fitted on up to {@link #FIT_SAMPLE} good rows of the file and as many children
     * already in the directory, so that its weights reflect both sides of the pairs it will score.
     */
    LinkageModel fit(FeedSource source, Path file, LocalDate today) throws IOException {
        List<LinkageRecord> sample = new ArrayList<>(2 * FIT_SAMPLE);
        try (FeedReader reader = FeedReader.open(source, file, today)) {
            FeedRow row;
            while (sample.size() < FIT_SAMPLE && (row = reader.next()) != null) {
                if (row instanceof FeedRecord record) {
                    sample.add(linkageRecord(record));
                }
            }
        }
        directory.firstForMatching(FIT_SAMPLE).forEach(c -> sample.add(linkageRecord(c)));
        return new RecordLinker().fit(sample);
    }

    /**
     * The row as linkage compares it with a child: the first address line only, because that is all the
     * directory's matching projection holds (comparing "1 High St Flat 2" with "1 High St" would understate
     * agreement).
     */
    static LinkageRecord linkageRecord(FeedRecord record) {
        LinkageRecord r = record.toLinkageRecord();
        String line1 = record.address() == null ? null : record.address().line1();
        // A child benefit claim id is the family's and an LA services record id one involvement's (see below).
        List<Identifier> identifiers = !familyOrServiceId(record.source()) ? r.identifiers()
                : r.identifiers().stream().filter(i -> !i.kind().startsWith(record.source().cliName())).toList();
        return new LinkageRecord(r.id(), r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(), r.postcode(), line1,
                r.locality(), identifiers);
    }

    static LinkageRecord linkageRecord(ChildForMatching c) {
        List<Identifier> identifiers = new ArrayList<>(c.identifiers().size());
        for (SourceIdentifier id : c.identifiers()) {
            String kind = switch (id.scheme()) {
                case NHS_NUMBER -> "nhs_number";
                case UPN -> "upn";
                case SUPPLIER_RECORD -> supplierKind(id.allocatingBody());
            };
            if (kind != null) {
                identifiers.add(new Identifier(kind, id.value()));
            }
        }
        Sex sex = switch (c.gender()) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
            case NOT_SPECIFIED -> Sex.UNKNOWN;
        };
        return new LinkageRecord(Long.toString(c.id()), c.givenName(), c.familyName(), c.dateOfBirth(), sex,
                c.postcode(), c.addressLine1(), c.town(), identifiers);
    }

    private static String supplierKind(String dataSource) {
        for (FeedSource s : FeedSource.values()) {
            if (dataSource(s).equals(dataSource)) {
                return s.cliName() + "_" + s.identifierColumn();
            }
        }
        return null;
    }

    /**
     * Whether the source's record id names something other than the child: a child benefit claim covers a family,
     * an LA services record one involvement (a child with two services has two). Agreeing on it, or differing,
     * says nothing about whether two rows are one child, so it is neither matched on nor stored on the child.
     */
    static boolean familyOrServiceId(FeedSource source) {
        return source == FeedSource.CHILD_BENEFIT || source == FeedSource.LA_SERVICES;
    }

    /** The identifiers a row carries, as the directory records them. */
    static List<SourceIdentifier> identifiers(FeedRecord record, String code, LocalDate today) {
        List<SourceIdentifier> out = new ArrayList<>(2);
        if (record.nhsNumber() != null) {
            out.add(new SourceIdentifier(Scheme.NHS_NUMBER, SourceIdentifier.NHS, record.nhsNumber().value(), code, today));
        }
        if (record.upn() != null) {
            out.add(new SourceIdentifier(Scheme.UPN, SourceIdentifier.DFE, record.upn().value(), code, today));
        }
        if (record.sourceRecordId() != null && record.nhsNumber() == null && record.upn() == null
                && !familyOrServiceId(record.source())) {
            out.add(new SourceIdentifier(Scheme.SUPPLIER_RECORD, code, record.sourceRecordId(), code, today));
        }
        return out;
    }

    /**
     * What identifies a row's record across the supplier's files, so that a person's decision on it (link, keep
     * apart) holds for later runs: the source and its identifier of the record. A child benefit claim covers a
     * family, so its key adds the child's date of birth and forename.
     */
    static String rowKey(FeedRecord r) {
        String id = r.nhsNumber() != null ? r.nhsNumber().value() : r.upn() != null ? r.upn().value() : r.sourceRecordId();
        if (id == null) {
            return null;
        }
        String key = dataSource(r.source()) + ":" + id;
        if (r.source() == FeedSource.CHILD_BENEFIT) {
            key += ":" + r.dateOfBirth() + ":" + (r.name().forename() == null ? "" : r.name().forename().toUpperCase(java.util.Locale.ROOT));
        }
        return key.length() > 200 ? key.substring(0, 200) : key;
    }

    /** The {@code data_source} code of a feed. */
    static String dataSource(FeedSource source) {
        return switch (source) {
            case BIRTHS -> "GRO";
            case SCHOOL_CENSUS -> "SCHOOL_CENSUS";
            case CHILD_BENEFIT -> "CHILD_BENEFIT";
            case NHS_DEMOGRAPHICS -> "NHS_PDS";
            case LA_SERVICES -> "LA";
        };
    }

    static Gender gender(Sex sex) {
        return switch (sex) {
            case MALE -> Gender.MALE;
            case FEMALE -> Gender.FEMALE;
            case UNKNOWN -> Gender.NOT_SPECIFIED;
        };
    }

    /**
     * The row's identifying values for the person who reviews it. The claimant's National Insurance number is
     * deliberately absent: the directory may not hold it (DOMAIN.md section 2).
     */
    static String payload(FeedRecord r) {
        StringBuilder s = new StringBuilder(256);
        field(s, "forename", r.name().forename());
        field(s, "middle_names", r.name().middleNames());
        field(s, "surname", r.name().surname());
        field(s, "former_surname", r.name().formerSurname());
        field(s, "date_of_birth", r.dateOfBirth().toString());
        field(s, "sex", r.sex().name());
        if (r.address() != null) {
            field(s, "address_line1", r.address().line1());
            field(s, "address_line2", r.address().line2());
            field(s, "town", r.address().town());
            field(s, "postcode", r.address().postcode());
        }
        field(s, "nhs_number", r.nhsNumber() == null ? null : r.nhsNumber().value());
        field(s, "upn", r.upn() == null ? null : r.upn().value());
        field(s, r.source().identifierColumn(), r.sourceRecordId());
        return s.length() > 2000 ? s.substring(0, 2000) : s.toString();
    }

    private static void field(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(name).append('=').append(value.replace(';', ',')).append(';');
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] serialise(LinkageModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LinkageModel deserialise(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (LinkageModel) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
