package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

  @TempDir Path dir;

  @Test
  void shouldReadOneRowPerLineSkippingBlankLinesAndCarriageReturns() throws IOException {
    Path file = file("{\"email\":\"a@example.com\"}\r\n\n  \n{\"email\":\"b@example.com\"}");

    try (JsonLines lines = new JsonLines(file, 1024)) {
      assertThat(CsvRowsTest.all(lines))
          .containsExactly(
              "1@1 {\"email\":\"a@example.com\"}", "2@4 {\"email\":\"b@example.com\"}");
    }
  }

  @Test
  void shouldSkipAByteOrderMark() throws IOException {
    Path file = dir.resolve("bom.jsonl");
    Files.write(
        file,
        CsvRowsTest.concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            "{\"ContactKey\":\"k1\"}\n".getBytes(StandardCharsets.UTF_8)));

    try (JsonLines lines = new JsonLines(file, 1024)) {
      assertThat(CsvRowsTest.all(lines)).containsExactly("1@1 {\"ContactKey\":\"k1\"}");
    }
  }

  @Test
  void shouldRejectInvalidUtf8OnItsLineOnly() throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(
        file,
        CsvRowsTest.concat(
            "{\"city\":\"M".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xFC},
            "nchen\"}\n{\"city\":\"Rome\"}\n".getBytes(StandardCharsets.UTF_8)));

    try (JsonLines lines = new JsonLines(file, 1024)) {
      assertThat(CsvRowsTest.all(lines))
          .containsExactly(
              "1@1 problem: invalid UTF-8 at byte 11 of the row (0xFC); the file must be UTF-8",
              "2@2 {\"city\":\"Rome\"}");
    }
  }

  @Test
  void shouldRejectAnOverlongLineWithoutHoldingIt() throws IOException {
    Path file = dir.resolve("long.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{\"a\":1}\n{\"a\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 64; i++) {
        out.write(chunk);
      }
      out.write("\"}\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8));
    }

    try (JsonLines lines = new JsonLines(file, 1024)) {
      assertThat(CsvRowsTest.all(lines))
          .containsExactly(
              "1@1 {\"a\":1}",
              "2@2 problem: the row is longer than 1024 bytes (the limit; see --max-row-bytes)",
              "3@3 {\"a\":3}");
      assertThat(lines.rowBytes.data.length).isLessThanOrEqualTo(4096);
    }
  }

  private Path file(String text) throws IOException {
    Path file = dir.resolve("rows.jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
