package org.contactpipeline.tools.imports;

import java.util.Arrays;

/** How many rows ended each way, in rows decided in order so far (the checkpoint's rows). */
final class ImportCounts {

  private final long[] counts = new long[Outcome.values().length];

  void add(Outcome outcome) {
    counts[outcome.ordinal()]++;
  }

  long of(Outcome outcome) {
    return counts[outcome.ordinal()];
  }

  void set(Outcome outcome, long count) {
    counts[outcome.ordinal()] = count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImportCounts counted && Arrays.equals(counts, counted.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return Arrays.toString(counts);
  }

  ImportCounts copy() {
    ImportCounts copy = new ImportCounts();
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    return copy;
  }
}
