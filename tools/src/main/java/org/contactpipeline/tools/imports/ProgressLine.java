package org.contactpipeline.tools.imports;

import java.time.Duration;
import java.util.Locale;

/**
 * The words of the progress display: rows read, rows per second, how far through the file (by
 * bytes, the only measure known before the end) and the time left at the rate so far.
 */
final class ProgressLine {

  private ProgressLine() {}

  /**
   * {@code 120,000 rows read 40,000 rows/s 12.5% ETA 21s 118,500 decided}.
   *
   * @param bytesRead bytes of the file read, counting any skipped by a resume
   * @param startBytes where this run started reading (the resume offset), so the rate and the ETA
   *     are this run's
   */
  static String format(
      long rowsRead,
      long rowsThisRun,
      long bytesRead,
      long startBytes,
      long totalBytes,
      Duration elapsed,
      long decided) {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
    double rate = rowsThisRun / seconds;
    double fraction = totalBytes <= 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
    long readThisRun = bytesRead - startBytes;
    String eta;
    if (fraction >= 1) {
      eta = "ETA 0s";
    } else if (readThisRun <= 0) {
      eta = "ETA --";
    } else {
      double bytesPerSecond = readThisRun / seconds;
      eta =
          "ETA "
              + duration(
                  Duration.ofSeconds((long) Math.ceil((totalBytes - bytesRead) / bytesPerSecond)));
    }
    return String.format(
        Locale.ROOT,
        "%,d rows read  %,d rows/s  %.1f%%  %s  %,d decided",
        rowsRead,
        Math.round(rate),
        fraction * 100,
        eta,
        decided);
  }

  /** {@code 45s}, {@code 3m 05s}, {@code 2h 03m}. */
  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
