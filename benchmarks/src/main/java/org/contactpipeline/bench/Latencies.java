package org.contactpipeline.bench;

import java.util.Arrays;

/** Durations of many requests, summarized by nearest-rank percentiles in milliseconds. */
final class Latencies {

  private final long[] sortedNanos;

  Latencies(long[] nanos) {
    this.sortedNanos = nanos.clone();
    Arrays.sort(sortedNanos);
  }

  int count() {
    return sortedNanos.length;
  }

  /** Nearest-rank percentile in milliseconds; 0 when nothing was measured. */
  double percentileMillis(double percentile) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1e6;
  }
}
