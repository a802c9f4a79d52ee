package org.contactpipeline.tools.imports;

import java.nio.file.Path;
import java.util.Locale;

/** How an import file is written: CSV with a header row, or JSON Lines. */
public enum ImportFormat {
  CSV,
  JSONL;

  /**
   * The format a file's extension names ({@code .csv}; {@code .jsonl} or {@code .ndjson}), or null.
   */
  public static ImportFormat ofExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    return null;
  }
}
