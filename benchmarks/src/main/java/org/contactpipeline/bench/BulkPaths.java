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
 * The bulk paths a user with a file of contacts has, one after the other on the same stack, each
 * with the same generated file's contacts for a tenant of its own (so every path creates them):
 * commands published straight to {@code contact.commands} (the reference), the {@code contacts
 * import} tool, and Cendyn {@code create_bulk}; then PostgreSQL {@code COPY} of the same rows, the
 * database's own limit. Each path is timed from its first send until every result is on {@code
 * contact.results} and until every row is in PostgreSQL.
 *
 * <p>Every path adds its contacts to the resolver's state and the contacts table, and both get
 * slower as they grow, so a path measured later would be judged against a reference measured on a
 * smaller stack. The reference therefore runs before and after the other paths, and they are judged
 * against the mean of its two rates.
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

  /**
   * Every path's figures, for the report.
   *
   * @param directBefore the reference, measured first
   * @param directAfter the reference again, measured after the other paths
   */
  record Result(
      int contacts,
      long fileBytes,
      PathResult directBefore,
      PathResult importTool,
      PathResult createBulk,
      PathResult directAfter,
      double copyRowsPerSecond) {

    /** The reference's results per second: the mean of its runs before and after the paths. */
    double referenceResultsPerSecond() {
      return (directBefore.resultsPerSecond() + directAfter.resultsPerSecond()) / 2;
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

  Result measure(int contacts) throws Exception {
    ContactFile file = ContactFile.generate(directory, run, contacts);
    Progress.line("bulk paths: %d contacts, %d MB of CSV", contacts, file.sizeInBytes() >> 20);
    PathResult directBefore = direct(contacts, "before");
    report("straight to contact.commands", directBefore);
    PathResult importTool = importTool(file);
    report("contacts import", importTool);
    PathResult createBulk = createBulk(file);
    report("create_bulk", createBulk);
    PathResult directAfter = direct(contacts, "after");
    report("straight to contact.commands, again", directAfter);
    double copy = new CopyReference(database).rowsPerSecond(file);
    return new Result(
        contacts, file.sizeInBytes(), directBefore, importTool, createBulk, directAfter, copy);
  }

  private PathResult direct(int contacts, String when) throws Exception {
    long heapBefore = heapAfterGc();
    BulkLoad.Result load = new BulkLoad(bootstrap, database).run(run + "-direct-" + when, contacts);
    return new PathResult(
        contacts,
        load.publishSeconds(),
        load.resultsSeconds(),
        load.rowsSeconds(),
        heapBefore,
        heapAfterGc());
  }

  /**
   * The import tool on the file, in this JVM as a user's run would be in its own: it publishes and
   * waits for every row's result itself, so its run ends when the results are in.
   */
  private PathResult importTool(ContactFile file) throws Exception {
    String tenant = "bench-import-" + run;
    Duration deadline = BulkLoad.deadlineFor(file.contacts());
    long heapBefore = heapAfterGc();
    long start = System.nanoTime();
    ImportSummary summary =
        new ContactImport(
                ImportOptions.builder(file.path(), ImportVendor.CENDYN, tenant)
                    .kafka(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))
                    .rejects(directory.resolve("import-" + run + ".rejects.csv"))
                    .state(directory.resolve("import-" + run + ".import-state"))
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
    return new PathResult(
        file.contacts(), handedOver, resultsSeconds, rowsSeconds, heapBefore, heapAfterGc());
  }

  private PathResult createBulk(ContactFile file) throws Exception {
    Duration deadline = BulkLoad.deadlineFor(file.contacts());
    long heapBefore = heapAfterGc();
    try (KafkaConsumer<String, byte[]> results = BulkCommands.resultsFromNow(bootstrap)) {
      long start = System.nanoTime();
      double accepted =
          new CreateBulkLoad(httpUrl, CREATE_BULK_ACCOUNT, CREATE_BULK_TOKEN).send(file);
      BulkCommands.awaitResultsOfTenant(
          results, CREATE_BULK_ACCOUNT, file.contacts(), start, deadline);
      double resultsSeconds = (System.nanoTime() - start) / 1e9;
      double rowsSeconds =
          new ContactRows(database)
              .secondsUntilTenantStored(CREATE_BULK_ACCOUNT, file.contacts(), start, deadline);
      return new PathResult(
          file.contacts(), accepted, resultsSeconds, rowsSeconds, heapBefore, heapAfterGc());
    }
  }

  private static void report(String path, PathResult result) {
    Progress.line(
        "%s: handed over in %.1f s, results in %.1f s, rows in %.1f s",
        path, result.acceptedSeconds(), result.resultsSeconds(), result.rowsSeconds());
  }

  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
