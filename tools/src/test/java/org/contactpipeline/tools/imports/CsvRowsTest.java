package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

  @TempDir Path dir;

  @Test
  void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    List<String> rows =
        read(
            "email,name_first,city\r\n"
                + "a@example.com,Ann,\"Paris, France\"\r\n"
                + "b@example.com,\"Bo \"\"the\"\" Man\",\"two\nlines\"\n"
                + "c@example.com,,\n");

    assertThat(rows)
        .containsExactly(
            "1@2 [a@example.com, Ann, Paris, France]",
            "2@3 [b@example.com, Bo \"the\" Man, two\nlines]",
            "3@5 [c@example.com, , ]");
  }

  @Test
  void shouldEndQuotedAndUnquotedFieldsAlikeOnlyAtACommaALineEndOrTheEndOfTheFile()
      throws IOException {
    // A CR without its LF ends nothing: it is text in an unquoted field, and after a closing
    // quote it is text that does not belong there. The last row ends with the file.
    assertThat(
            read(
                "email,city\n"
                    + "a@example.com,Ro\rme\n"
                    + "\"b@example.com\",\"Oslo\"\r\n"
                    + "c@example.com,\"Bern\"\rx\n"
                    + "\"d@example.com\",\"Rome\""))
        .containsExactly(
            "1@2 [a@example.com, Ro\rme]",
            "2@3 [b@example.com, Oslo]",
            "3@4 problem: text after the closing quote of a field (line 4): a quote inside a quoted"
                + " field is written twice",
            "4@5 [d@example.com, Rome]");
  }

  @Test
  void shouldSkipAByteOrderMarkAndBlankLines() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path file =
        file(
            concat(
                bom,
                "email\n\na@example.com\n\r\n\nb@example.com".getBytes(StandardCharsets.UTF_8)));

    try (CsvRows csv = CsvRows.open(file, 1024)) {
      assertThat(csv.columns()).containsExactly("email");
      assertThat(all(csv)).containsExactly("1@3 [a@example.com]", "2@6 [b@example.com]");
    }
  }

  @Test
  void shouldRejectARowWithAnotherNumberOfFieldsAndReadOn() throws IOException {
    assertThat(read("email,city\na@example.com\nb@example.com,Rome\n"))
        .containsExactly(
            "1@2 problem: the row has 1 field, the header 2", "2@3 [b@example.com, Rome]");
  }

  @Test
  void shouldRejectTextAfterAClosingQuoteAndResumeOnTheNextLine() throws IOException {
    assertThat(read("email,city\n\"a@example.com\"x,Rome\nb@example.com,Oslo\n"))
        .first()
        .asString()
        .startsWith("1@2 problem: text after the closing quote");
    assertThat(read("email,city\n\"a@example.com\"x,Rome\nb@example.com,Oslo\n"))
        .last()
        .isEqualTo("2@3 [b@example.com, Oslo]");
  }

  @Test
  void shouldRejectAQuoteInsideAnUnquotedField() throws IOException {
    assertThat(read("email,city\na@exa\"mple.com,Rome\nb@example.com,Oslo\n"))
        .containsExactly(
            "1@2 problem: a quote inside an unquoted field: quote the whole field and double the"
                + " quote (\"say \"\"hi\"\"\")",
            "2@3 [b@example.com, Oslo]");
  }

  @Test
  void shouldRejectAnUnterminatedQuoteNamingTheLineItOpensOn() throws IOException {
    assertThat(read("email,city\nb@example.com,Oslo\na@example.com,\"Rome\nc@example.com,Nice\n"))
        .containsExactly(
            "1@2 [b@example.com, Oslo]",
            "2@3 problem: a quoted field opened on line 3 is never closed (the file ends inside it)");
  }

  @Test
  void shouldRejectInvalidUtf8OnItsRowOnly() throws IOException {
    byte[] bad =
        "email,city\na@example.com,M\u00fcnchen\nb@example.com,M".getBytes(StandardCharsets.UTF_8);
    Path file =
        file(
            concat(
                bad,
                new byte[] {(byte) 0xFC, 'n', '\n'},
                "c@example.com,Rome\n".getBytes(StandardCharsets.UTF_8)));

    try (CsvRows csv = CsvRows.open(file, 1024)) {
      assertThat(all(csv))
          .containsExactly(
              "1@2 [a@example.com, M\u00fcnchen]",
              "2@3 problem: invalid UTF-8 in column city (0xFC); the file must be UTF-8",
              "3@4 [c@example.com, Rome]");
    }
  }

  @Test
  void shouldRejectAnOverlongRowWithoutHoldingIt() throws IOException {
    Path file = dir.resolve("long.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          "email,city\na@example.com,Rome\nb@example.com,\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 64; i++) {
        out.write(chunk); // 64 MiB in one field, against a limit of 1 KiB
      }
      out.write("\"\nc@example.com,Oslo\n".getBytes(StandardCharsets.UTF_8));
    }

    try (CsvRows csv = CsvRows.open(file, 1024)) {
      assertThat(all(csv))
          .containsExactly(
              "1@2 [a@example.com, Rome]",
              "2@3 problem: the row is longer than 1024 bytes (the limit; see --max-row-bytes)",
              "3@4 [c@example.com, Oslo]");
      // What it kept of the long row: no more than the limit's buffer.
      assertThat(csv.rowBytes.data.length).isLessThanOrEqualTo(4096);
    }
  }

  @Test
  void shouldRefuseAnEmptyFile() throws IOException {
    Path file = file(new byte[0]);

    assertThatThrownBy(() -> CsvRows.open(file, 1024))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("is empty: a CSV import needs a header row");
  }

  @Test
  void shouldResumeAtARowOffsetWithItsLineAndNumber() throws IOException {
    Path file =
        file(
            "email\na@example.com\nb@example.com\nc@example.com\n"
                .getBytes(StandardCharsets.UTF_8));
    long offset;
    try (CsvRows csv = CsvRows.open(file, 1024)) {
      csv.next();
      Row second = csv.next();
      offset = second.endOffset;
      assertThat(second.nextLine).isEqualTo(4);
    }

    try (CsvRows csv = CsvRows.open(file, 1024)) {
      csv.resumeAt(offset, 4, 2);
      assertThat(all(csv)).containsExactly("3@4 [c@example.com]");
    }
  }

  @Test
  void shouldRefuseToResumeWhereNoRowStarts() throws IOException {
    Path file = file("email\na@example.com\nb@example.com\n".getBytes(StandardCharsets.UTF_8));

    try (CsvRows csv = CsvRows.open(file, 1024)) {
      assertThatThrownBy(() -> csv.resumeAt(9, 2, 1))
          .isInstanceOf(ImportRefused.class)
          .hasMessageContaining("the file changed since");
    }
  }

  private List<String> read(String text) throws IOException {
    try (CsvRows csv = CsvRows.open(file(text.getBytes(StandardCharsets.UTF_8)), 1024)) {
      return all(csv);
    }
  }

  static List<String> all(RowReader reader) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Row row = reader.next(); row != null; row = reader.next()) {
      rows.add(
          row.number
              + "@"
              + row.line
              + " "
              + (row.problem != null
                  ? "problem: " + row.problem
                  : row.cells != null
                      ? Arrays.toString(row.cells)
                      : new String(row.bytes, StandardCharsets.UTF_8)));
    }
    return rows;
  }

  private Path file(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "rows", ".csv");
    Files.write(file, bytes);
    return file;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
