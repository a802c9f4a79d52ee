package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.contactpipeline.bench.ThroughputPlan.RequestShape;
import org.contactpipeline.bench.ThroughputResults.Bulk;
import org.contactpipeline.bench.ThroughputResults.FireAndForget;
import org.contactpipeline.bench.ThroughputResults.Http;
import org.contactpipeline.bench.ThroughputResults.HttpStep;
import org.contactpipeline.bench.ThroughputResults.LargeRequests;
import org.contactpipeline.bench.ThroughputResults.RawKafka;
import org.junit.jupiter.api.Test;

class ThroughputReportTest {

  private static final RawKafka RAW_KAFKA = rawKafka(10_000, 2);
  private static final StreamsFloor.Result FLOOR = new StreamsFloor.Result(20_000, 2);
  private static final DatabaseLimits.Result DATABASE = new DatabaseLimits.Result(40_000, 10_000);
  private static final SinkWriteRates.Result SINKS = new SinkWriteRates.Result(12_000, 4_000);
  private static final KafkaRecordsWritten.PerContact THREE_RECORDS =
      new KafkaRecordsWritten.PerContact(
          Map.of("contact.changelog", 1.0, "contact.commands", 1.0, "contact.results", 1.0));
  private static final Bulk BULK =
      new Bulk(
          new BulkLoad.Result(20_000, 1, 4, 8), FLOOR, DATABASE, SINKS, THREE_RECORDS, 300, 0, 0);
  private static final LargeRequests LARGE_REQUESTS =
      new LargeRequests(1000, answered(1, 10, 1, 40));
  private static final FireAndForget FIRE_AND_FORGET =
      new FireAndForget(50, answered(32, 400, 2, 5), 1.5);

  /**
   * {@code ok} requests from {@code clients}, answered in {@code millis} each, in {@code seconds}.
   */
  private static LoadGenerator.Result answered(int clients, int ok, double seconds, long millis) {
    return new LoadGenerator.Result(clients, seconds, latencies(ok, millis), Map.of());
  }

  private static Latencies latencies(int count, long millis) {
    long[] nanos = new long[count];
    Arrays.fill(nanos, millis * 1_000_000);
    return new Latencies(nanos);
  }

  private static RawKafka rawKafka(double produceRate, long hopMillis) {
    return new RawKafka(produceRate, 180, 12, latencies(500, hopMillis));
  }

  /** The same load's pipeline and peer figures at one shape. */
  private static HttpStep step(int keys, LoadGenerator.Result pipeline, LoadGenerator.Result peer) {
    return new HttpStep(new RequestShape(keys, pipeline.clients()), pipeline, peer);
  }

  private static Http http(HttpStep... steps) {
    return new Http(List.of(steps), LARGE_REQUESTS, FIRE_AND_FORGET);
  }

  private static List<String> printed(ThroughputResults results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ThroughputReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(results);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> printed(Http http) {
    return printed(new ThroughputResults(RAW_KAFKA, BULK, Optional.of(http)));
  }

  @Test
  void shouldJudgeEachBulkPathAgainstTheReferenceRunsBracketingIt() {
    // The reference ran 10,000, 8,000 and 12,000 results/s: the import is judged against 9,000,
    // create_bulk against 10,000.
    BulkPaths.Result paths =
        new BulkPaths.Result(
            90_000,
            4 << 20,
            List.of(path(9.0, 10.0), path(11.25, 12.0), path(7.5, 8.0)),
            path(90_000 / 8_100.0, 12.0),
            path(11.25, 14.0),
            30_000);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ThroughputReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .printBulkPaths(paths);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lineStartingWith(lines, "contacts import")).contains("0.90 (goal >= 0.9)");
    assertThat(lineStartingWith(lines, "create_bulk")).contains("0.80 (goal >= 0.8)");
    assertThat(lines.stream().filter(line -> line.startsWith("straight to"))).hasSize(3);
    assertThat(lineStartingWith(lines, "PostgreSQL COPY")).contains("30000").contains("0.25");
    assertThat(lineStartingWith(lines, "(references:"))
        .contains("9000 results/s for the import, 10000 for create_bulk");
  }

  /** 90,000 contacts whose results took {@code resultsSeconds} and rows {@code rowsSeconds}. */
  private static BulkPaths.PathResult path(double resultsSeconds, double rowsSeconds) {
    return new BulkPaths.PathResult(90_000, 1.0, resultsSeconds, rowsSeconds, 100 << 20, 101 << 20);
  }

  private static String lineStartingWith(List<String> lines, String start) {
    return lines.stream()
        .filter(line -> line.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + start + "' in " + lines));
  }

  @Test
  void shouldPrintTheRatioOfPipelineToPeer() {
    List<String> lines = printed(http(step(1, answered(8, 300, 1, 20), answered(8, 200, 1, 30))));

    assertThat(lineStartingWith(lines, String.format("%-5d %-8d |", 1, 8)))
        .endsWith(String.format("| %6.2fx", 300.0 / 200.0));
  }

  @Test
  void shouldPrintKeysPerSecondOfBothServersAsRequestsTimesKeys() {
    List<String> lines =
        printed(http(step(50, answered(32, 300, 2, 20), answered(32, 100, 2, 30))));

    assertThat(lineStartingWith(lines, String.format("%-5d %-8d |", 50, 32)))
        .contains(String.format(" %9.0f %9.0f ", 150.0, 150.0 * 50))
        .contains(String.format(" %9.0f %9.0f ", 50.0, 50.0 * 50));
  }

  @Test
  void shouldListThePipelinesFailuresUnderItsStep() {
    LoadGenerator.Result failing =
        new LoadGenerator.Result(8, 1, latencies(10, 5), Map.of("503", 2));

    List<String> lines = printed(http(step(1, failing, answered(8, 10, 1, 5))));

    assertThat(lines).contains("      pipeline failures: {503=2}");
  }

  @Test
  void shouldPrintTheBulkLoadsRatesAsRatiosToTheStreamsFloorToResultsAndToRawProduce() {
    List<String> lines =
        printed(new ThroughputResults(rawKafka(10_000, 2), BULK, Optional.empty()));

    double floorPerSecond = 20_000 / 2.0;
    double resultsPerSecond = 20_000 / 4.0;
    double rowsPerSecond = 20_000 / 8.0;
    assertThat(lineStartingWith(lines, "Kafka Streams floor"))
        .contains(String.format("%10.0f /s", floorPerSecond));
    assertThat(lineStartingWith(lines, "results on contact.results"))
        .contains(String.format("%10.0f /s", resultsPerSecond))
        .contains(String.format("ratio to the floor %.2f   (goal >= 0.7)", 0.5))
        .contains(String.format("to raw produce %.2f", resultsPerSecond / 10_000));
    assertThat(lineStartingWith(lines, "rows in PostgreSQL"))
        .contains(String.format("%10.0f /s", rowsPerSecond))
        .contains(String.format("ratio to results %.2f   (goal >= 1.0)", 0.5))
        .contains(String.format("to raw produce %.2f", rowsPerSecond / 10_000));
  }

  @Test
  void shouldPrintTheRecordsAndBytesWrittenPerContactAndTheHeapInMegabytes() {
    KafkaRecordsWritten.PerContact records =
        new KafkaRecordsWritten.PerContact(
            new java.util.TreeMap<>(Map.of("contact.commands", 1.0, "contact.results", 1.25)));
    Bulk bulk =
        new Bulk(
            new BulkLoad.Result(20_000, 1, 4, 8),
            FLOOR,
            DATABASE,
            SINKS,
            records,
            289,
            100L << 20,
            300L << 20);

    List<String> lines = printed(new ThroughputResults(RAW_KAFKA, bulk, Optional.empty()));

    assertThat(lineStartingWith(lines, "records written to Kafka"))
        .contains("2.25 per contact   (goal <= 3): contact.commands 1.00, contact.results 1.25");
    assertThat(lineStartingWith(lines, "written to Kafka")).contains("289 B per contact");
    assertThat(lineStartingWith(lines, "stack JVM heap after GC"))
        .contains("100 MB before the bulk load, 300 MB after it");
  }

  @Test
  void shouldPrintTheRowsRateAgainstTheDatabasesOwnLimits() {
    List<String> lines = printed(new ThroughputResults(RAW_KAFKA, BULK, Optional.empty()));

    // BULK: 20,000 rows in 8 s, 2,500/s.
    assertThat(lineStartingWith(lines, "PostgreSQL COPY alone"))
        .contains("40000 /s   rows ratio to it 0.06");
    assertThat(lineStartingWith(lines, "batched upsert alone"))
        .contains("10000 /s   rows ratio to it 0.25");
  }

  @Test
  void shouldPrintTheSinksWriteRateAgainstItsDebeziumPeer() {
    List<String> lines = printed(new ThroughputResults(RAW_KAFKA, BULK, Optional.empty()));

    assertThat(lineStartingWith(lines, "sink write rate alone"))
        .contains("12000 /s   ratio to Debezium's JDBC sink 3.00   (goal >= 2)");
    assertThat(lineStartingWith(lines, "Debezium JDBC sink alone")).contains("4000 /s");
  }

  @Test
  void shouldPrintOnlyTheReferencesAndTheBulkLoadInABulkOnlyRun() {
    List<String> lines = printed(new ThroughputResults(RAW_KAFKA, BULK, Optional.empty()));

    assertThat(lines)
        .contains("== baseline (same broker, same run)")
        .anyMatch(line -> line.startsWith("== bulk: 20000 UPSERT commands"))
        .noneMatch(line -> line.startsWith("== HTTP"))
        .noneMatch(line -> line.startsWith("fire-and-forget"));
  }

  @Test
  void shouldPrintOneKeyP99AsAMultipleOfTheRawHopP99() {
    long hopMillis = 2;
    List<String> lines =
        printed(
            new ThroughputResults(
                rawKafka(10_000, hopMillis),
                BULK,
                Optional.of(
                    http(
                        step(1, answered(1, 100, 1, 6), answered(1, 100, 1, 3)),
                        step(1, answered(8, 100, 1, 10), answered(8, 100, 1, 3))))));

    assertThat(lineStartingWith(lines, "establish 1 key, sequential"))
        .contains(String.format("%6.1fx raw hop p99", 6.0 / hopMillis));
    assertThat(lineStartingWith(lines, "establish 1 key, 8 clients"))
        .contains(String.format("%6.1fx raw hop p99", 10.0 / hopMillis));
  }

  @Test
  void shouldLeaveOutTheLatencyLinesOfStepsThatDidNotRun() {
    List<String> lines = printed(http(step(1, answered(32, 100, 1, 6), answered(32, 100, 1, 3))));

    assertThat(lines)
        .noneMatch(line -> line.startsWith("establish 1 key"))
        .noneMatch(line -> line.contains("(50 keys:"));
  }

  @Test
  void shouldPrintTheLargeRequestsCostPerKeyBesideTheFiftyKeyRequests() {
    List<String> lines = printed(http(step(50, answered(1, 100, 1, 5), answered(1, 100, 1, 3))));

    assertThat(lineStartingWith(lines, "establish 1000 keys, sequential"))
        .contains(String.format("%.3f ms per key", 40.0 / 1000))
        .contains(String.format("(50 keys: %.3f ms per key)", 5.0 / 50));
  }

  @Test
  void shouldPrintFireAndForgetKeysPerSecondAsARatioToRawProduce() {
    double keysPerSecond = 400 / 2.0 * 50;

    List<String> lines = printed(http());

    assertThat(lineStartingWith(lines, "fire-and-forget, 50 keys, 32 clients"))
        .contains(
            String.format(
                "%.0f keys/s accepted (%.2fx raw produce)",
                keysPerSecond, keysPerSecond / RAW_KAFKA.produceRate()))
        .contains(String.format("backlog in PostgreSQL %.1f s", 1.5));
  }

  @Test
  void shouldPrintTheResolversBytesOnDiskPerContact() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long onDisk = 3L << 20;

    new ThroughputReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .printResolverStateOnDisk(1000, onDisk);

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            String.format("%.0f B per contact (1000 contacts, 3 MB)", (double) onDisk / 1000));
  }
}
