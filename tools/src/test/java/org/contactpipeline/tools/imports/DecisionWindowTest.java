package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionWindowTest {

  @TempDir Path dir;

  @Test
  void shouldMoveTheCheckpointOnlyOverRowsDecidedInOrder() throws Exception {
    try (RejectsFile rejects = RejectsFile.open(dir.resolve("rejects.csv"), 0)) {
      DecisionWindow window = new DecisionWindow(10, ImportState.start("f", Map.of()), rejects);
      for (int i = 1; i <= 3; i++) {
        assertThat(window.admit(row(i), () -> false)).isTrue();
      }

      window.decide(2, Outcome.CREATED, null);
      window.reject(row(3), "no email");
      assertThat(window.done()).isZero();

      window.decide(1, Outcome.UPDATED, null);
      ImportState checkpoint = window.checkpoint("f", Map.of(0, 4L));

      assertThat(checkpoint.rowsDone()).isEqualTo(3);
      assertThat(checkpoint.resumeOffset()).isEqualTo(300);
      assertThat(checkpoint.resumeLine()).isEqualTo(5);
      assertThat(checkpoint.counts().of(Outcome.CREATED)).isEqualTo(1);
      assertThat(checkpoint.counts().of(Outcome.UPDATED)).isEqualTo(1);
      assertThat(checkpoint.counts().of(Outcome.REJECTED)).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("rejects.csv")))
          .isEqualTo("line,reason\r\n4,\"no email\"\r\n");
      assertThat(checkpoint.rejectsLength()).isEqualTo(Files.size(dir.resolve("rejects.csv")));
    }
  }

  @Test
  void shouldCountTheFirstResultOfARowAndSkipARowDecidedBeforeItIsRead() throws Exception {
    try (RejectsFile rejects = RejectsFile.open(dir.resolve("rejects.csv"), 0)) {
      DecisionWindow window = new DecisionWindow(10, ImportState.start("f", Map.of()), rejects);
      // A resumed run finds row 1's result before reading it, then the same row's second result.
      window.decide(1, Outcome.CREATED, null);
      window.decide(1, Outcome.REFUSED, "a contact with key 'x' already exists");

      assertThat(window.admit(row(1), () -> false)).isFalse();
      assertThat(window.done()).isEqualTo(1);
      assertThat(window.counts().of(Outcome.CREATED)).isEqualTo(1);
      assertThat(window.counts().of(Outcome.REFUSED)).isZero();
    }
  }

  @Test
  void shouldHoldARowBeyondTheWindowUntilTheCheckpointMoves() throws Exception {
    try (RejectsFile rejects = RejectsFile.open(dir.resolve("rejects.csv"), 0)) {
      DecisionWindow window = new DecisionWindow(2, ImportState.start("f", Map.of()), rejects);
      window.admit(row(1), () -> false);
      window.admit(row(2), () -> false);
      Thread third =
          new Thread(
              () -> {
                try {
                  window.admit(row(3), () -> false);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      third.start();
      third.join(300);
      assertThat(third.isAlive()).as("row 3 waits while rows 1 and 2 are undecided").isTrue();

      window.decide(1, Outcome.CREATED, null);
      third.join(10_000);

      assertThat(third.isAlive()).isFalse();
      assertThat(window.highestAdmitted()).isEqualTo(3);
    }
  }

  @Test
  void shouldCutTheRejectFileBackToTheCheckpointWhenResuming() throws IOException {
    Path path = dir.resolve("rejects.csv");
    long kept;
    try (RejectsFile rejects = RejectsFile.open(path, 0)) {
      rejects.write(2, "first");
      kept = rejects.flushedLength();
      rejects.write(9, "after the checkpoint");
    }

    try (RejectsFile rejects = RejectsFile.open(path, kept)) {
      rejects.write(9, "after the checkpoint");
    }

    assertThat(Files.readString(path))
        .isEqualTo("line,reason\r\n2,\"first\"\r\n9,\"after the checkpoint\"\r\n");
  }

  private static Row row(long number) {
    Row row = new Row();
    row.number = number;
    row.line = number + 1;
    row.endOffset = number * 100;
    row.nextLine = number + 2;
    return row;
  }
}
