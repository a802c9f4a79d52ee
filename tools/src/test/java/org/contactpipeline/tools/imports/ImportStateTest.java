package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportStateTest {

  @TempDir Path dir;

  @Test
  void shouldReadBackWhatItWrote() throws IOException {
    ImportCounts counts = new ImportCounts();
    counts.add(Outcome.CREATED);
    counts.add(Outcome.CREATED);
    counts.add(Outcome.REJECTED);
    ImportState state =
        new ImportState("0123456789abcdef", 3, 120, 5, 42, counts, Map.of(0, 7L, 1, 9L), false);
    Path path = dir.resolve("file.csv.import-state");

    state.write(path);
    ImportState read = ImportState.read(path);

    assertThat(read.fingerprint()).isEqualTo("0123456789abcdef");
    assertThat(read.rowsDone()).isEqualTo(3);
    assertThat(read.resumeOffset()).isEqualTo(120);
    assertThat(read.resumeLine()).isEqualTo(5);
    assertThat(read.rejectsLength()).isEqualTo(42);
    assertThat(read.counts().of(Outcome.CREATED)).isEqualTo(2);
    assertThat(read.counts().of(Outcome.REJECTED)).isEqualTo(1);
    assertThat(read.resultPositions()).isEqualTo(Map.of(0, 7L, 1, 9L));
    assertThat(read.complete()).isFalse();
  }

  @Test
  void shouldReplaceTheOldStateWholeAndLeaveNoTemporaryFile() throws IOException {
    Path path = dir.resolve("state");
    ImportState.start("a", Map.of(0, 1L)).write(path);

    new ImportState("a", 10, 300, 11, 0, new ImportCounts(), Map.of(0, 5L), true).write(path);

    assertThat(ImportState.read(path).rowsDone()).isEqualTo(10);
    assertThat(ImportState.read(path).complete()).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(path);
    }
  }

  @Test
  void shouldBeAbsentWhenNoFileExists() throws IOException {
    assertThat(ImportState.read(dir.resolve("none"))).isNull();
  }

  @Test
  void shouldRefuseAStateItCannotRead() throws IOException {
    Path path = dir.resolve("state");
    Files.writeString(path, "fingerprint=a\nrows.done=many\n");

    assertThatThrownBy(() -> ImportState.read(path))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("--fresh");
  }
}
