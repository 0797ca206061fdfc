package uk.contactpoint.linkage.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import uk.contactpoint.linkage.DateParser;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.LinkageResult;
import uk.contactpoint.linkage.PreparedRecords;
import uk.contactpoint.linkage.RecordLinker;
import uk.contactpoint.linkage.ScoredPair;
import uk.contactpoint.linkage.Sex;

/**
 * Fully scored pairs per second (comparison levels, weights with term-frequency adjustment, conflict and
 * decision) on the blocked candidate pairs of the Splink demo data (20,000 records), on two threads.
 * Run: {@code java -cp target/test-classes:target/classes:<test classpath> uk.contactpoint.linkage.bench.ScoringBenchmark}
 * (docs/performance.md, section Linkage).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ScoringBenchmark {

    static final int PAIRS = 20_000;

    LinkageModel model;
    PreparedRecords prepared;
    int[] left = new int[PAIRS];
    int[] right = new int[PAIRS];

    @Setup
    public void setUp() throws IOException {
        List<LinkageRecord> records = splinkRecords();
        LinkageResult result = new RecordLinker().link(records);
        model = result.model();
        prepared = model.prepare(records);
        for (int k = 0; k < PAIRS; k++) {
            ScoredPair pair = result.pair(k % result.pairCount());
            left[k] = pair.left();
            right[k] = pair.right();
        }
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(PAIRS)
    public void scoreBlockedPairs(Blackhole sink) {
        for (int k = 0; k < PAIRS; k++) {
            sink.consume(model.score(prepared, left[k], right[k]));
        }
    }

    static List<LinkageRecord> splinkRecords() throws IOException {
        DateParser dates = DateParser.of(DateParser.ISO);
        List<LinkageRecord> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ScoringBenchmark.class.getResourceAsStream("/linkage/splink_demos_fake_20000.csv"),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] v = line.split(",", -1);
                records.add(new LinkageRecord(v[0], v[1], v[2], dates.parse(v[3]), Sex.UNKNOWN, null, null, v[4],
                        v[5].isEmpty() ? List.of() : List.of(new Identifier("email", v[5]))));
            }
        }
        return records;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ScoringBenchmark.class.getSimpleName()).build()).run();
    }
}
