package org.contactpipeline.tools.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV as RFC 4180 defines it: a header row, then records of comma-separated fields, a field
 * in double quotes when it holds a comma, a quote (doubled) or a line break; lines end with CRLF or
 * LF. A record that breaks the rules (an unterminated quote, text after a closing quote, a quote
 * inside an unquoted field, another number of fields than the header, bytes that are not UTF-8) is
 * returned with its problem, and reading goes on with the next line; blank lines are skipped.
 */
final class CsvRows extends RowReader {

  private static final int START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;
  private static final int SKIP_LINE = 4;

  // What a character is to the field it follows (see endsField).
  private static final int IN_FIELD = 0;
  private static final int NEXT_FIELD = 1;
  private static final int RECORD_END = 2;

  private final List<String> columns;
  private int[] cellEnds = new int[16];
  private int cellCount;
  private long rowStart;

  private CsvRows(Path file, int maxRowBytes) throws IOException {
    super(file, maxRowBytes);
    this.columns = readHeader(file);
  }

  /**
   * Opens {@code file} and reads its header row.
   *
   * @throws ImportRefused when the file is empty or its first row cannot be read
   */
  static CsvRows open(Path file, int maxRowBytes) throws IOException {
    return new CsvRows(file, maxRowBytes);
  }

  /** The header's column names, stripped of surrounding white space. */
  List<String> columns() {
    return columns;
  }

  private List<String> readHeader(Path file) throws IOException {
    skipBlankLines();
    if (peek() < 0) {
      throw new ImportRefused(
          file + " is empty: a CSV import needs a header row naming the columns");
    }
    long headerLine = line;
    String problem = readRecord(headerLine);
    if (problem == null) {
      problem = Utf8.problemWith(rowBytes.data, 0, rowBytes.length);
    }
    if (problem != null) {
      throw new ImportRefused(
          "the header row (line " + headerLine + ") of " + file + " cannot be read: " + problem);
    }
    List<String> names = new ArrayList<>(cellCount);
    for (int i = 0; i < cellCount; i++) {
      names.add(cell(i).strip());
    }
    return List.copyOf(names);
  }

  @Override
  Row next() throws IOException {
    skipBlankLines();
    if (peek() < 0) {
      return null;
    }
    row.clear();
    row.number = ++rowNumber;
    row.line = line;
    String problem = readRecord(row.line);
    if (problem == null && cellCount != columns.size()) {
      problem =
          "the row has "
              + cellCount
              + (cellCount == 1 ? " field" : " fields")
              + ", the header "
              + columns.size();
    }
    if (problem == null) {
      problem = utf8Problem();
    }
    if (problem == null) {
      String[] cells = new String[cellCount];
      for (int i = 0; i < cellCount; i++) {
        cells[i] = cell(i);
      }
      row.cells = cells;
    }
    row.problem = problem;
    row.endOffset = position();
    row.nextLine = line;
    rowEnded();
    return row;
  }

  /** Names the column whose cell is not UTF-8, or null when every cell is. */
  private String utf8Problem() {
    int at = Utf8.firstMalformed(rowBytes.data, 0, rowBytes.length);
    if (at < 0) {
      return null;
    }
    int column = 0;
    while (column < cellCount - 1 && cellEnds[column] <= at) {
      column++;
    }
    return "invalid UTF-8 in column "
        + (column < columns.size() ? columns.get(column) : Integer.toString(column + 1))
        + " "
        + Utf8.shown(rowBytes.data[at]);
  }

  private String cell(int i) {
    int start = i == 0 ? 0 : cellEnds[i - 1];
    return new String(rowBytes.data, start, cellEnds[i] - start, StandardCharsets.UTF_8);
  }

  private void skipBlankLines() throws IOException {
    while (true) {
      int next = peek();
      if (next == '\n') {
        read();
        line++;
      } else if (next == '\r') {
        read();
        if (peek() == '\n') {
          read();
          line++;
        }
      } else {
        return;
      }
    }
  }

  /**
   * Reads one record into {@link #rowBytes} and {@link #cellEnds}, to the end of its last line;
   * returns why it is malformed, or null.
   */
  private String readRecord(long startLine) throws IOException {
    rowBytes.reset();
    cellCount = 0;
    rowStart = position();
    String problem = null;
    long quoteLine = 0;
    int state = START;
    while (true) {
      int c = read();
      switch (state) {
        case START, UNQUOTED -> {
          int end = endsField(c);
          if (end == RECORD_END) {
            return finish(problem);
          }
          if (end == NEXT_FIELD) {
            state = START;
          } else if (c == '"' && state == START) {
            quoteLine = line;
            state = QUOTED;
          } else if (c == '"') {
            problem =
                "a quote inside an unquoted field: quote the whole field and double the quote"
                    + " (\"say \"\"hi\"\"\")";
            state = SKIP_LINE;
          } else {
            rowBytes.append(c);
            state = UNQUOTED;
          }
        }
        case QUOTED -> {
          if (c < 0) {
            return "a quoted field opened on line "
                + quoteLine
                + " is never closed (the file ends inside it)";
          }
          if (c == '"') {
            state = QUOTE_IN_QUOTED;
          } else {
            if (c == '\n') {
              line++;
            }
            rowBytes.append(c);
          }
        }
        case QUOTE_IN_QUOTED -> {
          int end = endsField(c);
          if (end == RECORD_END) {
            return finish(problem);
          }
          if (end == NEXT_FIELD) {
            state = START;
          } else if (c == '"') {
            rowBytes.append(c);
            state = QUOTED;
          } else {
            problem =
                "text after the closing quote of a field (line "
                    + line
                    + "): a quote inside a quoted field is written twice";
            state = SKIP_LINE;
          }
        }
        default -> {
          // SKIP_LINE: the record is already refused; its line ends it.
          if (c < 0) {
            return problem;
          }
          if (c == '\n') {
            line++;
            return problem;
          }
        }
      }
    }
  }

  /**
   * Ends the field when {@code c} ends it, the one rule for quoted and unquoted fields alike: a
   * comma starts the next field; a line end (LF, or CR followed by LF, whose LF it reads) or the
   * end of the file ends the record. Returns {@link #IN_FIELD} for any other character, having read
   * nothing.
   */
  private int endsField(int c) throws IOException {
    boolean lineEnd = c == '\n' || c == '\r' && peek() == '\n';
    if (c != ',' && c >= 0 && !lineEnd) {
      return IN_FIELD;
    }
    if (c == '\r') {
      read();
    }
    if (lineEnd) {
      line++;
    }
    endCell();
    return c == ',' ? NEXT_FIELD : RECORD_END;
  }

  private String finish(String problem) {
    if (problem == null && (rowBytes.overflowed || position() - rowStart > maxRowBytes)) {
      return "the row is longer than " + maxRowBytes + " bytes (the limit; see --max-row-bytes)";
    }
    return problem;
  }

  private void endCell() {
    if (cellCount == cellEnds.length) {
      if (cellCount >= maxRowBytes) {
        // Every field takes a byte at least: this row is too long anyway, and is refused so.
        rowBytes.overflowed = true;
        return;
      }
      cellEnds = Arrays.copyOf(cellEnds, cellEnds.length * 2);
    }
    cellEnds[cellCount++] = rowBytes.length;
  }
}
