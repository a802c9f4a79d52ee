package org.contactpipeline.tools.imports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.contactpipeline.ingest.imports.ImportVendor;
import org.contactpipeline.schemas.WireFormat;

/**
 * What one import does: which file, in whose field names, for which tenant, against which cluster,
 * and its limits. Built with {@link #builder}; everything but the file, vendor, tenant and cluster
 * has a default.
 *
 * @param rejects the reject file (default {@code <file>.rejects.csv})
 * @param state the checkpoint (default {@code <file>.import-state})
 * @param fresh ignore any checkpoint and import the file from its first row
 * @param maxRowBytes a longer row is rejected, never held whole
 * @param window how many rows may be between the checkpoint and the newest row read
 * @param rowLimit stop after reading this many rows (0: no limit), as if interrupted there
 * @param kafka client properties (bootstrap servers, security)
 * @param environment where ingest-service's validation settings come from (iVvy definitions, key
 *     length)
 * @param resultsIdle give up waiting for results after this long without one
 * @param stateInterval how often the checkpoint is written while importing
 * @param progress where the progress display goes (null: none)
 * @param progressEvery how often a plain progress line is written when not on a terminal
 */
public record ImportOptions(
    Path file,
    ImportFormat format,
    ImportVendor vendor,
    String tenant,
    Path rejects,
    Path state,
    boolean fresh,
    int maxRowBytes,
    int window,
    long rowLimit,
    Map<String, Object> kafka,
    WireFormat wireFormat,
    Map<String, String> environment,
    Duration resultsIdle,
    Duration stateInterval,
    PrintStream progress,
    boolean terminal,
    Duration progressEvery) {

  public static final int DEFAULT_MAX_ROW_BYTES = 1 << 20;
  public static final int DEFAULT_WINDOW = 250_000;

  public ImportOptions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(tenant, "tenant");
    kafka = Map.copyOf(kafka);
    environment = Map.copyOf(environment);
  }

  public static Builder builder(Path file, ImportVendor vendor, String tenant) {
    return new Builder(file, vendor, tenant);
  }

  /** Builds {@link ImportOptions}, defaults first. */
  public static final class Builder {

    private final Path file;
    private final ImportVendor vendor;
    private final String tenant;
    private ImportFormat format;
    private Path rejects;
    private Path state;
    private boolean fresh;
    private int maxRowBytes = DEFAULT_MAX_ROW_BYTES;
    private int window = DEFAULT_WINDOW;
    private long rowLimit;
    private Map<String, Object> kafka = Map.of();
    private WireFormat wireFormat = WireFormat.singleObject();
    private Map<String, String> environment = Map.of();
    private Duration resultsIdle = Duration.ofSeconds(60);
    private Duration stateInterval = Duration.ofSeconds(2);
    private PrintStream progress;
    private boolean terminal;
    private Duration progressEvery = Duration.ofSeconds(5);

    private Builder(Path file, ImportVendor vendor, String tenant) {
      this.file = file;
      this.vendor = vendor;
      this.tenant = tenant;
    }

    public Builder format(ImportFormat format) {
      this.format = format;
      return this;
    }

    public Builder rejects(Path rejects) {
      this.rejects = rejects;
      return this;
    }

    public Builder state(Path state) {
      this.state = state;
      return this;
    }

    public Builder fresh(boolean fresh) {
      this.fresh = fresh;
      return this;
    }

    public Builder maxRowBytes(int maxRowBytes) {
      this.maxRowBytes = maxRowBytes;
      return this;
    }

    public Builder window(int window) {
      this.window = window;
      return this;
    }

    public Builder rowLimit(long rowLimit) {
      this.rowLimit = rowLimit;
      return this;
    }

    public Builder kafka(Map<String, Object> kafka) {
      this.kafka = kafka;
      return this;
    }

    public Builder wireFormat(WireFormat wireFormat) {
      this.wireFormat = wireFormat;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder resultsIdle(Duration resultsIdle) {
      this.resultsIdle = resultsIdle;
      return this;
    }

    public Builder stateInterval(Duration stateInterval) {
      this.stateInterval = stateInterval;
      return this;
    }

    /** Shows progress on {@code out}, redrawn in place when {@code terminal}. */
    public Builder progress(PrintStream out, boolean terminal, Duration every) {
      this.progress = out;
      this.terminal = terminal;
      this.progressEvery = every;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the format is neither given nor known from the file's
     *     extension, or a limit is not positive
     */
    public ImportOptions build() {
      ImportFormat chosen = format != null ? format : ImportFormat.ofExtension(file);
      if (chosen == null) {
        throw new IllegalArgumentException(
            "cannot tell the format of "
                + file.getFileName()
                + " from its extension (.csv, .jsonl): give --format csv or --format jsonl");
      }
      if (maxRowBytes <= 0 || window <= 0 || rowLimit < 0) {
        throw new IllegalArgumentException(
            "the row size limit and the window must be positive, the row limit not negative");
      }
      return new ImportOptions(
          file,
          chosen,
          vendor,
          tenant,
          rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv"),
          state != null ? state : file.resolveSibling(file.getFileName() + ".import-state"),
          fresh,
          maxRowBytes,
          window,
          rowLimit,
          kafka,
          wireFormat,
          environment,
          resultsIdle,
          stateInterval,
          progress,
          terminal,
          progressEvery);
    }
  }
}
