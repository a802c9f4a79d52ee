package org.contactpipeline.tools.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The checkpoint of an import, beside its file: every row up to {@link #rowsDone} is decided (its
 * result seen, or rejected), the next row starts at {@link #resumeOffset}, and every result of a
 * later row is on {@code contact.results} at or after {@link #resultPositions}. Written whole to a
 * temporary file and moved over the old one, so a crash leaves the previous checkpoint or the new
 * one, never half of one.
 *
 * @param fingerprint which import this is ({@link FileFingerprint})
 * @param rowsDone L: every row numbered up to L is decided
 * @param resumeOffset the byte offset where row L + 1 starts
 * @param resumeLine the line row L + 1 starts on
 * @param rejectsLength the reject file's length once the rejects of rows up to L are written
 * @param counts the outcomes of rows up to L
 * @param resultPositions per partition of {@code contact.results}, an offset at or before every
 *     result of a row after L
 * @param complete whether the file was read to its end and every row is decided
 */
record ImportState(
    String fingerprint,
    long rowsDone,
    long resumeOffset,
    long resumeLine,
    long rejectsLength,
    ImportCounts counts,
    Map<Integer, Long> resultPositions,
    boolean complete) {

  ImportState {
    resultPositions = Map.copyOf(resultPositions);
  }

  /**
   * The state of an import not started: nothing decided, every result of it after {@code
   * resultPositions} (the end of {@code contact.results} before its first send).
   */
  static ImportState start(String fingerprint, Map<Integer, Long> resultPositions) {
    return new ImportState(fingerprint, 0, 0, 1, 0, new ImportCounts(), resultPositions, false);
  }

  /** The state saved at {@code path}, or null when there is none. */
  static ImportState read(Path path) throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    try {
      ImportCounts counts = new ImportCounts();
      for (Outcome outcome : Outcome.values()) {
        counts.set(outcome, number(properties, "count." + outcome.name().toLowerCase(Locale.ROOT)));
      }
      Map<Integer, Long> positions = new TreeMap<>();
      String listed = properties.getProperty("results.positions", "");
      for (String entry : listed.split(",")) {
        if (!entry.isBlank()) {
          String[] parts = entry.split(":");
          positions.put(Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip()));
        }
      }
      return new ImportState(
          required(properties, "fingerprint"),
          number(properties, "rows.done"),
          number(properties, "resume.offset"),
          number(properties, "resume.line"),
          number(properties, "rejects.length"),
          counts,
          positions,
          Boolean.parseBoolean(properties.getProperty("complete", "false")));
    } catch (RuntimeException e) {
      throw new ImportRefused(
          "the import state "
              + path
              + " cannot be read ("
              + e.getMessage()
              + "): delete it, or give --fresh, to import the file again from the start");
    }
  }

  /** Writes this state to {@code path} atomically (a temporary file moved over it). */
  void write(Path path) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("fingerprint", fingerprint);
    values.put("rows.done", Long.toString(rowsDone));
    values.put("resume.offset", Long.toString(resumeOffset));
    values.put("resume.line", Long.toString(resumeLine));
    values.put("rejects.length", Long.toString(rejectsLength));
    for (Outcome outcome : Outcome.values()) {
      values.put(
          "count." + outcome.name().toLowerCase(Locale.ROOT), Long.toString(counts.of(outcome)));
    }
    StringBuilder positions = new StringBuilder();
    new TreeMap<>(resultPositions)
        .forEach(
            (partition, offset) ->
                positions
                    .append(positions.length() == 0 ? "" : ",")
                    .append(partition)
                    .append(':')
                    .append(offset));
    values.put("results.positions", positions.toString());
    values.put("complete", Boolean.toString(complete));
    Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        out.write("# contacts import: where a re-run of this file resumes (docs/import.md)\n");
        for (Map.Entry<String, String> value : values.entrySet()) {
          out.write(value.getKey() + "=" + value.getValue() + "\n");
        }
      }
      try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        written.force(true);
      }
      try {
        Files.move(
            temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the import state " + path, e);
    }
  }

  private static String required(Properties properties, String name) {
    String value = properties.getProperty(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return value;
  }

  private static long number(Properties properties, String name) {
    return Long.parseLong(required(properties, name).strip());
  }
}
