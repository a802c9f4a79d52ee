package org.contactpipeline.bench;

/**
 * Lines printed while a benchmark measures, so a long run shows where it is; their prefix sets them
 * apart from the report that follows.
 */
final class Progress {

  private Progress() {}

  static void line(String format, Object... args) {
    System.out.printf("  .. " + format + "%n", args);
  }
}
