package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.contactpipeline.tools.imports.ImportSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contacts import}'s usage errors (no broker needed) and its summary's words. */
class ImportCommandTest {

  @TempDir Path dir;

  @Test
  void shouldRefuseAVendorItDoesNotKnow() throws IOException {
    Path file = Files.writeString(dir.resolve("a.csv"), "email\na@example.com\n");

    Contacts.Run run =
        Contacts.run("import", file.toString(), "--vendor", "salesforce", "--tenant", "demo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--vendor must be cendyn, ivvy or marketing-cloud, was 'salesforce'");
  }

  @Test
  void shouldAskForTheFormatOfAFileWithoutAKnownExtension() throws IOException {
    Path file = Files.writeString(dir.resolve("contacts.txt"), "email\na@example.com\n");

    Contacts.Run run =
        Contacts.run("import", file.toString(), "--vendor", "cendyn", "--tenant", "demo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("cannot tell the format of contacts.txt from its extension (.csv, .jsonl)");
  }

  @Test
  void shouldRequireAVendorAndATenant() {
    Contacts.Run run = Contacts.run("import", "contacts.csv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Missing required options")
        .contains("--vendor")
        .contains("--tenant");
  }

  @Test
  void shouldRefuseAnEmptyFileBeforeConnecting() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.csv"), "");

    Contacts.Run run =
        Contacts.on(
            "localhost:1", "import", file.toString(), "--vendor", "cendyn", "--tenant", "demo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "contacts import: "
                + file
                + " is empty: a CSV import needs a header row naming the columns");
  }

  @Test
  void shouldSummarizeOutcomesAndStages() {
    StringWriter text = new StringWriter();
    ImportSummary summary =
        new ImportSummary(
            1_000,
            900,
            40,
            30,
            20,
            10,
            0,
            400,
            580,
            true,
            Path.of("c.csv.rejects.csv"),
            Duration.ofMillis(1_200),
            Duration.ofMillis(3_400),
            Duration.ofMillis(500),
            Duration.ofSeconds(6));

    ImportCommand.print(summary, new PrintWriter(text));

    assertThat(text.toString().lines())
        .containsExactly(
            "import complete: 1,000 rows",
            "created    900",
            "updated    40",
            "unchanged  30",
            "rejected   20  (failed validation; see c.csv.rejects.csv)",
            "refused    10  (by the resolver; see c.csv.rejects.csv)",
            "this run: 580 commands published, resumed after row 400; reading 1.2s, publishing"
                + " until acked 3.4s, waiting for results 0.5s, total 6.0s (100 rows/s)");
    assertThat(summary.allLoaded()).isFalse();
  }
}
