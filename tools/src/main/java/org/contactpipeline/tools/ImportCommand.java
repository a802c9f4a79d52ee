package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.ingest.imports.ImportVendor;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.tools.imports.ContactImport;
import org.contactpipeline.tools.imports.ImportFormat;
import org.contactpipeline.tools.imports.ImportOptions;
import org.contactpipeline.tools.imports.ImportRefused;
import org.contactpipeline.tools.imports.ImportSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contacts import}: loads a CSV or JSON Lines file of contacts in a vendor's field names
 * straight onto {@code contact.commands} ({@link ContactImport}), prints a summary, and exits 0
 * when every row loaded, 1 when some were rejected or refused (or the import stopped early), 2 for
 * a usage error or a file that cannot be imported at all.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import contacts from a CSV (with a header row) or JSON Lines file, each row validated as"
          + " the vendor's API validates one contact. Re-running the same file resumes after an"
          + " interruption (docs/import.md)."
    })
final class ImportCommand implements Callable<Integer> {

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<file>", description = "the file to import")
  private Path file;

  @Option(
      names = "--vendor",
      required = true,
      paramLabel = "cendyn|ivvy|marketing-cloud",
      description =
          "whose field names the file uses: Cendyn's create contact, iVvy's addOrUpdateContact,"
              + " or Marketing Cloud's establish (a ContactKey per row)")
  private String vendor;

  @Option(
      names = "--tenant",
      required = true,
      paramLabel = "<tenant>",
      description = "the tenant the contacts belong to (the Cendyn account, the token's tenant)")
  private String tenant;

  @Option(
      names = "--format",
      paramLabel = "csv|jsonl",
      description = "the file's format (default: from its extension, .csv or .jsonl)")
  private String format;

  @Option(
      names = "--rejects",
      paramLabel = "<path>",
      description = "where rows that did not load are listed (default: <file>.rejects.csv)")
  private Path rejects;

  @Option(
      names = "--state",
      paramLabel = "<path>",
      description = "the checkpoint a re-run resumes from (default: <file>.import-state)")
  private Path state;

  @Option(
      names = "--fresh",
      description = "ignore the checkpoint: import the file from its first row again")
  private boolean fresh;

  @Option(
      names = "--max-row-bytes",
      paramLabel = "<bytes>",
      description = "a longer row is rejected without being read whole (default: 1048576)")
  private int maxRowBytes = ImportOptions.DEFAULT_MAX_ROW_BYTES;

  @Option(
      names = "--window",
      paramLabel = "<rows>",
      description =
          "how many rows may be read ahead of the last decided one: the rows in flight"
              + " (default: 250000)")
  private int window = ImportOptions.DEFAULT_WINDOW;

  @Option(
      names = "--limit",
      paramLabel = "<rows>",
      description = "stop after this many rows (a trial run; a re-run continues after them)")
  private long limit;

  @Override
  public Integer call() throws Exception {
    ContactsCommand root = ContactsCommand.of(spec);
    ImportVendor chosenVendor = ImportVendor.named(vendor);
    if (chosenVendor == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--vendor must be cendyn, ivvy or marketing-cloud, was '" + vendor + "'");
    }
    if (tenant.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tenant must not be blank");
    }
    ImportOptions options;
    try {
      options =
          ImportOptions.builder(file, chosenVendor, tenant)
              .format(format == null ? null : format(format))
              .rejects(rejects)
              .state(state)
              .fresh(fresh)
              .maxRowBytes(maxRowBytes)
              .window(window)
              .rowLimit(limit)
              .kafka(root.cluster().clientProperties())
              .wireFormat(WireFormat.forRegistry(root.schemaRegistryUrl()))
              .environment(root.environment())
              .progress(System.err, System.console() != null, Duration.ofSeconds(5))
              .build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ContactImport contactImport = new ContactImport(options);
    CountDownLatch finished = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> stopAndWait(contactImport, finished));
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      ImportSummary summary = contactImport.run();
      print(summary, spec.commandLine().getOut());
      return summary.allLoaded() ? CommandLine.ExitCode.OK : ContactsCommand.PROBLEMS;
    } catch (ImportRefused refused) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("contacts import: " + refused.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    } finally {
      // After the summary: the JVM ends when the hook returns.
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it returns now that the import has saved its checkpoint.
      }
    }
  }

  /** Ctrl-C: the import stops reading, saves its checkpoint, and the JVM ends after that. */
  private static void stopAndWait(ContactImport contactImport, CountDownLatch finished) {
    contactImport.stop();
    try {
      finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ImportFormat format(String name) {
    try {
      return ImportFormat.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format must be csv or jsonl, was '" + name + "'");
    }
  }

  static void print(ImportSummary summary, PrintWriter out) {
    out.println(
        summary.complete()
            ? "import complete: " + count(summary.rows()) + " rows"
            : "import stopped after row "
                + count(summary.rows())
                + " (every row up to it is decided); run the same command again to resume");
    out.println("created    " + count(summary.created()));
    out.println("updated    " + count(summary.updated()));
    out.println("unchanged  " + count(summary.unchanged()));
    out.println(
        "rejected   "
            + count(summary.rejected())
            + (summary.rejected() > 0
                ? "  (failed validation; see " + summary.rejectsFile() + ")"
                : ""));
    out.println(
        "refused    "
            + count(summary.refused())
            + (summary.refused() > 0
                ? "  (by the resolver; see " + summary.rejectsFile() + ")"
                : ""));
    if (summary.undecided() > 0) {
      out.println(
          "undecided  "
              + count(summary.undecided())
              + "  (no result yet; a re-run resumes with them)");
    }
    out.println(
        "this run: "
            + count(summary.published())
            + " commands published"
            + (summary.resumedAt() > 0 ? ", resumed after row " + count(summary.resumedAt()) : "")
            + String.format(
                Locale.ROOT,
                "; reading %s, publishing until acked %s, waiting for results %s, total %s (%,.0f rows/s)",
                seconds(summary.reading()),
                seconds(summary.publishing()),
                seconds(summary.awaitingResults()),
                seconds(summary.total()),
                summary.rowsPerSecond()));
    out.flush();
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
  }
}
