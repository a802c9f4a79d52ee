package org.contactpipeline.tools.imports;

/**
 * One row of an import file as its reader found it; the reader fills the same instance for every
 * row, so a row is valid until the next is read. A row the reader could not read (a malformed CSV
 * record, invalid UTF-8, longer than the limit) has a {@link #problem} and nothing else.
 */
final class Row {

  /** Its ordinal among the file's rows, from 1 (a CSV header is not a row). */
  long number;

  /** The line it starts on, from 1. */
  long line;

  /** The byte offset just after it: where the next row starts. */
  long endOffset;

  /** The line the next row starts on. */
  long nextLine;

  /** Why the row cannot be read, or null. */
  String problem;

  /** A CSV row's cells, one per column. */
  String[] cells;

  /** A JSON Lines row's bytes, exactly, without its line ending. */
  byte[] bytes;

  void clear() {
    problem = null;
    cells = null;
    bytes = null;
  }
}
