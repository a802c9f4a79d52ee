package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.contactpipeline.ingest.imports.ImportVendor;
import org.contactpipeline.testing.BulkCommands;
import org.contactpipeline.testing.MaterializerProgress;
import org.contactpipeline.tools.imports.ContactImport;
import org.contactpipeline.tools.imports.ImportOptions;
import org.contactpipeline.tools.imports.ImportSummary;

/**
 * The bulk paths a user with a file of contacts has, on the same stack, each for a tenant of its
 * own (so every path creates its contacts): commands published straight to {@code contact.commands}
 * (the reference), the {@code contacts import} tool, and Cendyn {@code create_bulk}; then
 * PostgreSQL {@code COPY} of the same rows, the database's own limit. Each path takes the whole
 * file at once and is timed from its first send until every result is on {@code contact.results}
 * and until every row is in PostgreSQL.
 *
 * <p>Two things would judge a path by when it ran rather than by what it costs, and the measurement
 * is shaped against both:
 *
 * <ul>
 *   <li><b>The JIT.</b> A path's code runs for the first time when the path does: the first run of
 *       {@code create_bulk} spent twice the reference's compiler time compiling ingest's and the
 *       sink's job code. Small unmeasured rounds of every path run first, until {@link JitWarmUp}
 *       sees the compiler settle.
 *   <li><b>A growing stack.</b> Every path adds its contacts to the resolver's state and the
 *       contacts table, and the stack's speed drifts as they grow (the reference ran 9,300
 *       results/s first and 13,100 last in one run, 11,500 and 12,300 in another: both ways). The
 *       reference therefore runs before and after each path (reference, import, reference,
 *       create_bulk, reference), and each path is judged against the mean of the two runs that
 *       bracket it, on the stack as it was just before and just after.
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

  /**
   * Every path's figures, for the report.
   *
   * @param references the reference before the import, between the import and create_bulk, and
   *     after create_bulk
   */
  record Result(
      int contacts,
      long fileBytes,
      List<PathResult> references,
      PathResult importTool,
      PathResult createBulk,
      double copyRowsPerSecond) {

    Result {
      references = List.copyOf(references);
      if (references.size() != 3) {
        throw new IllegalArgumentException("three references bracket two paths: " + references);
      }
    }

    /** The reference the import is judged against: the mean of the two runs bracketing it. */
    double importReference() {
      return meanResultsPerSecond(references.get(0), references.get(1));
    }

    /** The reference create_bulk is judged against: the mean of the two runs bracketing it. */
    double createBulkReference() {
      return meanResultsPerSecond(references.get(1), references.get(2));
    }

    private static double meanResultsPerSecond(PathResult before, PathResult after) {
      return (before.resultsPerSecond() + after.resultsPerSecond()) / 2;
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
    ContactFile file = ContactFile.generate(directory, run, contacts);
    Progress.line("bulk paths: %d contacts, %d MB of CSV", contacts, file.sizeInBytes() >> 20);
    PathResult beforeImport = profiled("reference", () -> direct(file, "before-import"));
    PathResult importTool = profiled("contacts import", () -> importTool(file));
    PathResult between = profiled("reference", () -> direct(file, "between"));
    PathResult createBulk = profiled("create_bulk", () -> createBulk(file));
    PathResult afterCreateBulk = profiled("reference", () -> direct(file, "after-create-bulk"));
    double copy =
        new DatabaseLimits(database)
            .copyRowsPerSecond(file.run(), file.goldenRecords("copy-reference"));
    return new Result(
        contacts,
        file.sizeInBytes(),
        List.of(beforeImport, between, afterCreateBulk),
        importTool,
        createBulk,
        copy);
  }

  /** Runs a measured path and prints the CPU each kind of thread took until its rows were in. */
  private static PathResult profiled(String path, Callable<PathResult> measured) throws Exception {
    CpuByThread before = CpuByThread.now();
    PathResult result = measured.call();
    Progress.line("%s %s", path, CpuByThread.now().since(before, result.rowsSeconds(), 14));
    return result;
  }

  /** Unmeasured rounds of every path on small files of their own, until the JIT settles. */
  private void warmUp(int contacts) throws Exception {
    JitWarmUp.untilSettled(
        "bulk paths' warm-up of " + contacts + " contacts per path",
        round -> {
          ContactFile file = ContactFile.generate(directory, run + "-w" + round, contacts);
          direct(file, "warm-up");
          importTool(file);
          createBulk(file);
        });
  }

  /**
   * The reference: as many commands as {@code file} has contacts, for keys of their own ({@code
   * when} tells its runs apart).
   */
  private PathResult direct(ContactFile file, String when) throws Exception {
    long heapBefore = heapAfterGc();
    BulkLoad.Result load =
        new BulkLoad(bootstrap, database).run(file.run() + "-direct-" + when, file.contacts());
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
    try (MaterializerProgress materializer = new MaterializerProgress(bootstrap)) {
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
              .secondsUntilTenantStored(tenant, file.contacts(), start, deadline, materializer);
      double handedOver = summary.reading().plus(summary.publishing()).toNanos() / 1e9;
      return reported(
          "contacts import",
          new PathResult(
              file.contacts(), handedOver, resultsSeconds, rowsSeconds, heapBefore, heapAfterGc()));
    }
  }

  /**
   * create_bulk into the benchmark's account. Every file has contacts of its own, so each round
   * creates all of its contacts although the account is the same.
   */
  private PathResult createBulk(ContactFile file) throws Exception {
    Duration deadline = BulkLoad.deadlineFor(file.contacts());
    long heapBefore = heapAfterGc();
    long storedBefore = new ContactRows(database).countOfTenant(CREATE_BULK_ACCOUNT);
    try (KafkaConsumer<String, byte[]> results = BulkCommands.resultsFromNow(bootstrap);
        MaterializerProgress materializer = new MaterializerProgress(bootstrap)) {
      long start = System.nanoTime();
      double accepted =
          new CreateBulkLoad(httpUrl, CREATE_BULK_ACCOUNT, CREATE_BULK_TOKEN).send(file);
      BulkCommands.awaitResultsOfTenant(
          results, CREATE_BULK_ACCOUNT, file.contacts(), start, deadline);
      double resultsSeconds = (System.nanoTime() - start) / 1e9;
      double rowsSeconds =
          new ContactRows(database)
              .secondsUntilTenantStored(
                  CREATE_BULK_ACCOUNT,
                  storedBefore + file.contacts(),
                  start,
                  deadline,
                  materializer);
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
