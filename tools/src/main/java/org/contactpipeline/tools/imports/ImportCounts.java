package org.contactpipeline.tools.imports;

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

  ImportCounts copy() {
    ImportCounts copy = new ImportCounts();
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    return copy;
  }
}
