package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.contactpipeline.ingest.imports.ImportVendor;
import org.contactpipeline.testing.BulkCommands;
import org.contactpipeline.tools.imports.ContactImport;
import org.contactpipeline.tools.imports.ImportOptions;
import org.contactpipeline.tools.imports.ImportSummary;

/**
 * The bulk paths a user with a file of contacts has, on the same stack, each for a tenant of its
 * own (so every path creates its contacts): commands published straight to {@code contact.commands}
 * (the reference), the {@code contacts import} tool, and Cendyn {@code create_bulk}; then
 * PostgreSQL {@code COPY} of the same rows, the database's own limit. Each round of a path is timed
 * from its first send until every result is on {@code contact.results} and until every row is in
 * PostgreSQL.
 *
 * <p>Two things would judge a path by when it ran rather than by what it costs, and the measurement
 * is shaped against both:
 *
 * <ul>
 *   <li><b>The JIT.</b> A path's code runs for the first time when the path does: the first run of
 *       {@code create_bulk} spent twice the reference's compiler time compiling ingest's and the
 *       sink's job code. Small unmeasured rounds of every path run first, until {@link JitWarmUp}
 *       sees the compiler settle.
 *   <li><b>A growing stack.</b> Every round adds its contacts to the resolver's state and the
 *       contacts table, and both get slower as they grow (the reference ran 9,300 results/s first
 *       and 13,100 last in one run, 11,500 and 12,300 in another: drift, both ways). Each path
 *       therefore runs twice, on half the file each time, in mirrored order (reference, import,
 *       create_bulk, create_bulk, import, reference): every path's rounds sit at the same mean
 *       position, so a steady drift favours none.
 * </ul>
 */
final class BulkPaths {

  /**
   * The Cendyn account (and tenant) of the create_bulk path, configured on the benchmark's stack.
   */
  static final String CREATE_BULK_ACCOUNT = "bench-bulk";

  static final String CREATE_BULK_TOKEN = "bench-bulk-token";

  /**
   * One path's figures.
   *
   * @param acceptedSeconds until the last contact was handed over (published, or accepted)
   * @param heapBeforeBytes the benchmark JVM's heap after a GC before the path ran
   * @param heapAfterBytes the same after it
   */
  record PathResult(
      int contacts,
      double acceptedSeconds,
      double resultsSeconds,
      double rowsSeconds,
      long heapBeforeBytes,
      long heapAfterBytes) {

    double resultsPerSecond() {
      return contacts / resultsSeconds;
    }

    double rowsPerSecond() {
      return contacts / rowsSeconds;
    }
  }

  /** A path's two rounds, one on each half of the file, and their sum. */
  record Rounds(PathResult first, PathResult second) {

    int contacts() {
      return first.contacts() + second.contacts();
    }

    double resultsPerSecond() {
      return contacts() / (first.resultsSeconds() + second.resultsSeconds());
    }

    double rowsPerSecond() {
      return contacts() / (first.rowsSeconds() + second.rowsSeconds());
    }

    double handedOverPerSecond() {
      return contacts() / (first.acceptedSeconds() + second.acceptedSeconds());
    }
  }

  /** Every path's figures, for the report. */
  record Result(
      int contacts,
      long fileBytes,
      Rounds direct,
      Rounds importTool,
      Rounds createBulk,
      double copyRowsPerSecond) {

    /** The reference's results per second, over both its rounds. */
    double referenceResultsPerSecond() {
      return direct.resultsPerSecond();
    }
  }

  private final String bootstrap;
  private final String httpUrl;
  private final DataSource database;
  private final Path directory;
  private final String run;

  BulkPaths(String bootstrap, String httpUrl, DataSource database, Path directory, String run) {
    this.bootstrap = bootstrap;
    this.httpUrl = httpUrl;
    this.database = database;
    this.directory = directory;
    this.run = run;
  }

  /** Contacts per path in a warm-up round: enough for the JIT to see each path's loops hot. */
  static final int WARM_UP_CONTACTS = 20_000;

  Result measure(int contacts) throws Exception {
    warmUp(Math.min(WARM_UP_CONTACTS, contacts));
    ContactFile first = ContactFile.generate(directory, run + "-a", contacts / 2);
    ContactFile second = ContactFile.generate(directory, run + "-b", contacts - contacts / 2);
    long fileBytes = first.sizeInBytes() + second.sizeInBytes();
    Progress.line(
        "bulk paths: %d contacts, %d MB of CSV, in two halves", contacts, fileBytes >> 20);
    PathResult directFirst = direct(first);
    PathResult importFirst = importTool(first);
    PathResult createBulkFirst = createBulk(first);
    PathResult createBulkSecond = createBulk(second);
    PathResult importSecond = importTool(second);
    PathResult directSecond = direct(second);
    double copy = new CopyReference(database).rowsPerSecond(first);
    return new Result(
        contacts,
        fileBytes,
        new Rounds(directFirst, directSecond),
        new Rounds(importFirst, importSecond),
        new Rounds(createBulkFirst, createBulkSecond),
        copy);
  }

  /** Unmeasured rounds of every path on small files of their own, until the JIT settles. */
  private void warmUp(int contacts) throws Exception {
    JitWarmUp.untilSettled(
        "bulk paths' warm-up of " + contacts + " contacts per path",
        round -> {
          ContactFile file = ContactFile.generate(directory, run + "-w" + round, contacts);
          direct(file);
          importTool(file);
          createBulk(file);
        });
  }

  /** The reference: as many commands as {@code file} has contacts, for keys of their own. */
  private PathResult direct(ContactFile file) throws Exception {
    long heapBefore = heapAfterGc();
    BulkLoad.Result load =
        new BulkLoad(bootstrap, database).run(file.run() + "-direct", file.contacts());
    return reported(
        "straight to contact.commands",
        new PathResult(
            file.contacts(),
            load.publishSeconds(),
            load.resultsSeconds(),
            load.rowsSeconds(),
            heapBefore,
            heapAfterGc()));
  }

  /**
   * The import tool on the file, in this JVM as a user's run would be in its own: it publishes and
   * waits for every row's result itself, so its run ends when the results are in.
   */
  private PathResult importTool(ContactFile file) throws Exception {
    String tenant = "bench-import-" + file.run();
    Duration deadline = BulkLoad.deadlineFor(file.contacts());
    long heapBefore = heapAfterGc();
    long start = System.nanoTime();
    ImportSummary summary =
        new ContactImport(
                ImportOptions.builder(file.path(), ImportVendor.CENDYN, tenant)
                    .kafka(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))
                    .rejects(directory.resolve("import-" + file.run() + ".rejects.csv"))
                    .state(directory.resolve("import-" + file.run() + ".import-state"))
                    .build())
            .run();
    double resultsSeconds = (System.nanoTime() - start) / 1e9;
    if (!summary.allLoaded() || summary.created() != file.contacts()) {
      throw new IllegalStateException("the import did not create every contact: " + summary);
    }
    double rowsSeconds =
        new ContactRows(database)
            .secondsUntilTenantStored(tenant, file.contacts(), start, deadline);
    double handedOver = summary.reading().plus(summary.publishing()).toNanos() / 1e9;
    return reported(
        "contacts import",
        new PathResult(
            file.contacts(), handedOver, resultsSeconds, rowsSeconds, heapBefore, heapAfterGc()));
  }

  /**
   * create_bulk into the benchmark's account. Every file has contacts of its own, so each round
   * creates all of its contacts although the account is the same.
   */
  private PathResult createBulk(ContactFile file) throws Exception {
    Duration deadline = BulkLoad.deadlineFor(file.contacts());
    long heapBefore = heapAfterGc();
    long storedBefore = new ContactRows(database).countOfTenant(CREATE_BULK_ACCOUNT);
    try (KafkaConsumer<String, byte[]> results = BulkCommands.resultsFromNow(bootstrap)) {
      long start = System.nanoTime();
      double accepted =
          new CreateBulkLoad(httpUrl, CREATE_BULK_ACCOUNT, CREATE_BULK_TOKEN).send(file);
      BulkCommands.awaitResultsOfTenant(
          results, CREATE_BULK_ACCOUNT, file.contacts(), start, deadline);
      double resultsSeconds = (System.nanoTime() - start) / 1e9;
      double rowsSeconds =
          new ContactRows(database)
              .secondsUntilTenantStored(
                  CREATE_BULK_ACCOUNT, storedBefore + file.contacts(), start, deadline);
      return reported(
          "create_bulk",
          new PathResult(
              file.contacts(), accepted, resultsSeconds, rowsSeconds, heapBefore, heapAfterGc()));
    }
  }

  private static PathResult reported(String path, PathResult result) {
    Progress.line(
        "%s, %d contacts: handed over in %.1f s, results in %.1f s, rows in %.1f s;"
            + " heap after GC %d -> %d MB",
        path,
        result.contacts(),
        result.acceptedSeconds(),
        result.resultsSeconds(),
        result.rowsSeconds(),
        result.heapBeforeBytes() >> 20,
        result.heapAfterBytes() >> 20);
    return result;
  }

  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
