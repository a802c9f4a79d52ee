package org.contactpipeline.bench;

import java.io.PrintStream;
import java.util.List;
import org.contactpipeline.bench.ThroughputResults.Bulk;
import org.contactpipeline.bench.ThroughputResults.FireAndForget;
import org.contactpipeline.bench.ThroughputResults.Http;
import org.contactpipeline.bench.ThroughputResults.HttpStep;
import org.contactpipeline.bench.ThroughputResults.LargeRequests;
import org.contactpipeline.bench.ThroughputResults.RawKafka;

/**
 * The throughput benchmark's report: every figure a run measured, each beside its ratio to the
 * reference it is judged by (raw Kafka on the same broker, or the direct-JDBC peer under the same
 * load). The machine is shared and noisy, so only the ratios travel between machines.
 */
final class ThroughputReport {

  private final PrintStream out;

  ThroughputReport(PrintStream out) {
    this.out = out;
  }

  void print(ThroughputResults results) {
    printRawKafka(results.rawKafka());
    printBulk(results.bulk(), results.rawKafka());
    results.http().ifPresent(http -> printHttp(http, results.rawKafka()));
  }

  /**
   * The bulk paths against commands published straight to {@code contact.commands} (the goals: the
   * import tool at 0.9 of it or better, create_bulk at 0.8), and PostgreSQL {@code COPY} of the
   * same rows as the database's own limit.
   */
  void printBulkPaths(BulkPaths.Result paths) {
    out.printf(
        "%n== bulk paths: a file of %d new contacts (%d MB of CSV), each path for a tenant of its"
            + " own, after a warm-up; each path judged against the reference runs bracketing it%n",
        paths.contacts(), paths.fileBytes() >> 20);
    out.printf(
        "%-36s %10s %11s %9s   %-24s %s%n",
        "path", "handed /s", "results /s", "rows /s", "results ratio", "heap MB (after GC)");
    List<BulkPaths.PathResult> references = paths.references();
    printPath("straight to contact.commands", references.get(0), "reference");
    printPath(
        "contacts import",
        paths.importTool(),
        String.format(
            "%.2f (goal >= 0.9)", paths.importTool().resultsPerSecond() / paths.importReference()));
    printPath("straight to contact.commands", references.get(1), "reference");
    printPath(
        "create_bulk, 5,000 x 4 clients",
        paths.createBulk(),
        String.format(
            "%.2f (goal >= 0.8)",
            paths.createBulk().resultsPerSecond() / paths.createBulkReference()));
    printPath("straight to contact.commands", references.get(2), "reference");
    out.printf(
        "%-36s %10s %11s %9.0f   rows/s of the import tool to it: %.2f%n",
        "PostgreSQL COPY, same rows",
        "",
        "",
        paths.copyRowsPerSecond(),
        paths.importTool().rowsPerSecond() / paths.copyRowsPerSecond());
    out.printf(
        "(references: %.0f results/s for the import, %.0f for create_bulk)%n",
        paths.importReference(), paths.createBulkReference());
  }

  private void printPath(String name, BulkPaths.PathResult path, String ratio) {
    out.printf(
        "%-36s %10.0f %11.0f %9.0f   %-24s %d -> %d%n",
        name,
        path.contacts() / path.acceptedSeconds(),
        path.resultsPerSecond(),
        path.rowsPerSecond(),
        ratio,
        path.heapBeforeBytes() >> 20,
        path.heapAfterBytes() >> 20);
  }

  /** The sinks' write rates of a {@code -Dbench.only=sinks} run. */
  void printSinkWriteRates(SinkWriteRates.Result rates) {
    out.printf("%n== sinks alone: the same golden records from a topic into a fresh table%n");
    printSinkRates(rates);
  }

  private void printSinkRates(SinkWriteRates.Result rates) {
    out.printf(
        "sink write rate alone        %10.0f /s   ratio to Debezium's JDBC sink %.2f   (goal >= 2)%n",
        rates.sinkRowsPerSecond(), rates.sinkRowsPerSecond() / rates.debeziumRowsPerSecond());
    out.printf(
        "Debezium JDBC sink alone     %10.0f /s   (Kafka Connect worker, one task, same batch size"
            + " and table)%n",
        rates.debeziumRowsPerSecond());
  }

  /**
   * Printed apart from the rest, once the stack is closed: RocksDB keeps recent writes in memory
   * until it flushes on close.
   */
  void printResolverStateOnDisk(long contacts, long bytes) {
    out.printf(
        "resolver state on disk after close: %.0f B per contact (%d contacts, %d MB)%n",
        (double) bytes / contacts, contacts, bytes >> 20);
  }

  private void printRawKafka(RawKafka raw) {
    out.printf("%n== baseline (same broker, same run)%n");
    out.printf(
        "raw produce, %d B records, acks=all, %d partitions   %10.0f rec/s%n",
        raw.recordBytes(), raw.partitions(), raw.produceRate());
    out.printf(
        "raw hop produce -> read_committed consume        p50 %.2f ms  p99 %.2f ms%n",
        raw.hop().percentileMillis(50), raw.hop().percentileMillis(99));
  }

  private void printBulk(Bulk bulk, RawKafka raw) {
    BulkLoad.Result load = bulk.load();
    out.printf(
        "%n== bulk: %d UPSERT commands for new keys straight to contact.commands%n",
        load.commands());
    StreamsFloor.Result floor = bulk.floor();
    out.printf(
        "Kafka Streams floor          %10.0f /s   (a minimal exactly-once dedup app: same records, "
            + "Streams settings and broker)%n",
        floor.resultsPerSecond());
    out.printf(
        "results on contact.results   %10.0f /s   ratio to the floor %.2f   (goal >= 0.7); to raw "
            + "produce %.2f%n",
        load.resultsPerSecond(),
        load.resultsPerSecond() / floor.resultsPerSecond(),
        load.resultsPerSecond() / raw.produceRate());
    out.printf(
        "rows in PostgreSQL           %10.0f /s   ratio to results %.2f   (goal >= 1.0); to raw "
            + "produce %.2f%n",
        load.rowsPerSecond(),
        load.rowsPerSecond() / load.resultsPerSecond(),
        load.rowsPerSecond() / raw.produceRate());
    DatabaseLimits.Result limits = bulk.databaseLimits();
    out.printf(
        "PostgreSQL COPY alone        %10.0f /s   rows ratio to it %.2f   (the database's limit, no"
            + " upsert)%n",
        limits.copyRowsPerSecond(), load.rowsPerSecond() / limits.copyRowsPerSecond());
    out.printf(
        "batched upsert alone         %10.0f /s   rows ratio to it %.2f   (the sink's own COPY and"
            + " merge per batch, nothing else running)%n",
        limits.upsertRowsPerSecond(), load.rowsPerSecond() / limits.upsertRowsPerSecond());
    printSinkRates(bulk.sinkWriteRates());
    out.printf(
        "records written to Kafka     %10.2f per contact   (goal <= 3): %s%n",
        bulk.kafkaRecordsPerContact().total(), bulk.kafkaRecordsPerContact());
    out.printf(
        "written to Kafka             %10d B per contact (commands, results, golden records, state "
            + "changelogs, transaction markers)%n",
        bulk.kafkaBytesPerContact());
    out.printf(
        "stack JVM heap after GC      %10d MB before the bulk load, %d MB after it (broker, clients and "
            + "all services in one JVM; contact state lives in RocksDB, off the heap)%n",
        bulk.heapBeforeBytes() >> 20, bulk.heapAfterBytes() >> 20);
  }

  private void printHttp(Http http, RawKafka raw) {
    printStepTable(http);
    printLatencyAgainstHop(http, raw);
    printLargeRequests(http.largeRequests(), http);
    printFireAndForget(http.fireAndForget(), raw);
  }

  private void printStepTable(Http http) {
    out.printf(
        "%n== HTTP establish, returnResults=true, new keys (pipeline vs direct-JDBC peer)%n");
    out.printf(
        "%-5s %-8s | %9s %9s %8s %8s %8s %6s | %9s %9s %8s %6s | %7s%n",
        "keys",
        "clients",
        "req/s",
        "keys/s",
        "p50 ms",
        "p99 ms",
        "p99.9",
        "errors",
        "peer r/s",
        "peer k/s",
        "peer p99",
        "errors",
        "ratio");
    for (HttpStep step : http.steps()) {
      printStepRow(step);
    }
  }

  private void printStepRow(HttpStep step) {
    int keys = step.shape().keys();
    LoadGenerator.Result pipeline = step.pipeline();
    LoadGenerator.Result peer = step.peer();
    out.printf(
        "%-5d %-8d | %9.0f %9.0f %8.1f %8.1f %8.1f %6d | %9.0f %9.0f %8.1f %6d | %6.2fx%n",
        keys,
        step.shape().clients(),
        pipeline.requestsPerSecond(),
        pipeline.requestsPerSecond() * keys,
        pipeline.okLatencies().percentileMillis(50),
        pipeline.okLatencies().percentileMillis(99),
        pipeline.okLatencies().percentileMillis(99.9),
        pipeline.failed(),
        peer.requestsPerSecond(),
        peer.requestsPerSecond() * keys,
        peer.okLatencies().percentileMillis(99),
        peer.failed(),
        pipeline.requestsPerSecond() / peer.requestsPerSecond());
    if (pipeline.failed() > 0) {
      out.printf("      pipeline failures: %s%n", pipeline.failures());
    }
  }

  /** The goal: a 1-key establish's p99 within 4 raw hops' p99, at the client counts that ran. */
  private void printLatencyAgainstHop(Http http, RawKafka raw) {
    out.printf("%n== latency against the raw hop (goal: establish 1 key p99 <= 4x raw hop p99)%n");
    http.pipelineAt(1, 1)
        .ifPresent(
            sequential ->
                out.printf(
                    "establish 1 key, sequential    p99 %8.1f ms   %6.1fx raw hop p99%n",
                    sequential.okLatencies().percentileMillis(99),
                    sequential.okLatencies().percentileMillis(99)
                        / raw.hop().percentileMillis(99)));
    http.pipelineAt(1, 8)
        .ifPresent(
            eight ->
                out.printf(
                    "establish 1 key, 8 clients     p99 %8.1f ms   %6.1fx raw hop p99%n",
                    eight.okLatencies().percentileMillis(99),
                    eight.okLatencies().percentileMillis(99) / raw.hop().percentileMillis(99)));
  }

  /** Per key, beside the 50-key requests' cost per key when one client ran them. */
  private void printLargeRequests(LargeRequests large, Http http) {
    LoadGenerator.Result requests = large.requests();
    String fiftyKeysPerKey =
        http.pipelineAt(50, 1)
            .map(
                fifty ->
                    String.format(
                        " (50 keys: %.3f ms per key)",
                        fifty.okLatencies().percentileMillis(50) / 50))
            .orElse("");
    out.printf(
        "establish %d keys, sequential  n=%d  p50 %.1f ms  p99 %.1f ms  %.3f ms per key%s  errors %d%n",
        large.keys(),
        requests.ok(),
        requests.okLatencies().percentileMillis(50),
        requests.okLatencies().percentileMillis(99),
        requests.okLatencies().percentileMillis(50) / large.keys(),
        fiftyKeysPerKey,
        requests.failed());
  }

  private void printFireAndForget(FireAndForget fireAndForget, RawKafka raw) {
    LoadGenerator.Result accepted = fireAndForget.accepted();
    double keysPerSecond = accepted.requestsPerSecond() * fireAndForget.keys();
    out.printf(
        "fire-and-forget, %d keys, %d clients: %.0f keys/s accepted (%.2fx raw produce), errors %d, "
            + "backlog in PostgreSQL %.1f s after the last request%n",
        fireAndForget.keys(),
        accepted.clients(),
        keysPerSecond,
        keysPerSecond / raw.produceRate(),
        accepted.failed(),
        fireAndForget.drainSeconds());
  }
}
