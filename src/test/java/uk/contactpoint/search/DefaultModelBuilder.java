package uk.contactpoint.search;

import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import uk.contactpoint.ingest.FeedReader;
import uk.contactpoint.ingest.FeedRecord;
import uk.contactpoint.ingest.FeedRow;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.RecordLinker;
import uk.contactpoint.synthetic.EnglandGenerator;

/**
 * Builds the search module's default linkage model (a program, not a test): generates a synthetic England
 * of 10,000 children (seed 2009), reads the five feeds it writes (about 29,000 rows, every child seen by
 * several sources, with their seeded errors) and fits a model on them without labels. The result is
 * committed as {@code src/main/resources/search/default-linkage-model.ser}.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.contactpoint.search.DefaultModelBuilder}
 */
public final class DefaultModelBuilder {

    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("contactpoint-model-");
        LocalDate asOf = LocalDate.of(2026, 3, 15);
        EnglandGenerator.generate(new EnglandGenerator.Request(10_000, 2009, List.of(), out, asOf), (done, total) -> { });
        List<LinkageRecord> records = new ArrayList<>();
        for (FeedSource source : FeedSource.values()) {
            try (FeedReader reader = FeedReader.open(source, out.resolve(source.cliName() + ".csv"), asOf)) {
                for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                    if (row instanceof FeedRecord record) {
                        records.add(record.toLinkageRecord());
                    }
                }
            }
        }
        LinkageModel model = new RecordLinker().fit(records);
        Path target = Path.of("src/main/resources/search/default-linkage-model.ser");
        try (ObjectOutputStream o = new ObjectOutputStream(Files.newOutputStream(target))) {
            o.writeObject(model);
        }
        System.out.println("fitted on " + records.size() + " records: " + model.describe().lines().limit(5).toList());
        System.out.println("written " + target + " (" + Files.size(target) + " bytes)");
    }
}
