package org.contactpipeline.tools.imports;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an import ended, over the whole file (rows decided by earlier, interrupted runs included):
 * what became of its rows, and where this run spent its time.
 *
 * @param rows rows decided, from the first row of the file
 * @param created rows that made a new contact
 * @param updated rows that changed an existing contact
 * @param unchanged rows that found their contact already as they asked (nothing written)
 * @param rejected rows that never left the file: unreadable, or refused by the vendor's validation
 * @param refused rows the resolver refused (REJECTED or NOT_FOUND)
 * @param undecided rows read whose result did not arrive: a re-run resumes with them
 * @param resumedAt rows an earlier run had decided, which this run skipped without reading
 * @param published commands this run published to {@code contact.commands}
 * @param complete the file was read to its end and every row is decided
 * @param reading time spent reading rows and turning them into commands
 * @param publishing from the first send until every command was acknowledged by the brokers
 * @param awaitingResults from the last acknowledgement until the last result
 * @param total the whole run
 */
public record ImportSummary(
    long rows,
    long created,
    long updated,
    long unchanged,
    long rejected,
    long refused,
    long undecided,
    long resumedAt,
    long published,
    boolean complete,
    Path rejectsFile,
    Duration reading,
    Duration publishing,
    Duration awaitingResults,
    Duration total) {

  /** Whether every row of the file loaded: complete, nothing rejected or refused. */
  public boolean allLoaded() {
    return complete && rejected == 0 && refused == 0;
  }

  /** Rows per second over the whole run. */
  public double rowsPerSecond() {
    long rowsThisRun = rows - resumedAt;
    return total.isZero() ? 0 : rowsThisRun / (total.toNanos() / 1e9);
  }
}
