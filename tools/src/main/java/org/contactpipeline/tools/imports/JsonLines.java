package org.contactpipeline.tools.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads JSON Lines: one JSON object per line, lines ending with LF or CRLF, blank lines skipped. A
 * line's bytes are handed on as they are (the row's JSON is read by the vendor's rules); a line
 * that is not UTF-8, or is longer than the limit, is returned with its problem.
 */
final class JsonLines extends RowReader {

  JsonLines(Path file, int maxRowBytes) throws IOException {
    super(file, maxRowBytes);
  }

  @Override
  Row next() throws IOException {
    while (true) {
      if (peek() < 0) {
        return null;
      }
      long start = line;
      long startOffset = position();
      readLine();
      int length = rowBytes.length;
      if (length > 0 && rowBytes.data[length - 1] == '\r') {
        length--;
      }
      if (!rowBytes.overflowed && isBlank(rowBytes.data, length)) {
        continue;
      }
      row.clear();
      row.number = ++rowNumber;
      row.line = start;
      row.endOffset = position();
      row.nextLine = line;
      if (rowBytes.overflowed || position() - startOffset > maxRowBytes + 2L) {
        row.problem =
            "the row is longer than " + maxRowBytes + " bytes (the limit; see --max-row-bytes)";
      } else {
        row.problem = Utf8.problemWith(rowBytes.data, 0, length);
        if (row.problem == null) {
          row.bytes = Arrays.copyOf(rowBytes.data, length);
        }
      }
      rowEnded();
      return row;
    }
  }

  /** Reads to the end of the line (consuming its LF), keeping at most the limit. */
  private void readLine() throws IOException {
    rowBytes.reset();
    while (true) {
      int c = read();
      if (c < 0) {
        return;
      }
      if (c == '\n') {
        line++;
        return;
      }
      rowBytes.append(c);
    }
  }

  private static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
