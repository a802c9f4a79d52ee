package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed import's first read of {@code contact.results}: rows decided since the checkpoint are
 * found, and a later checkpoint's positions never skip a result of a row after its L.
 */
class ResultsFollowerTest {

  private static final TopicPartition RESULTS = new TopicPartition(Topics.RESULTS.name(), 0);
  private static final String PREFIX = "import-f-";

  @TempDir Path dir;

  @Test
  void shouldFindRowsDecidedSinceTheCheckpointAndMoveItsPositionsPastThem() throws Exception {
    ImportState state = run(List.of(PREFIX + 1, "someone-else", PREFIX + 2));

    assertThat(state.rowsDone()).isEqualTo(2);
    assertThat(state.counts().of(Outcome.CREATED)).isEqualTo(2);
    assertThat(state.resultPositions()).isEqualTo(Map.of(0, 3L));
  }

  @Test
  void shouldKeepPositionsBeforeAResultOfARowAfterTheCheckpoint() throws Exception {
    // Row 5 was decided, rows 3 and 4 not: a re-run must still find row 5's result.
    ImportState state = run(List.of(PREFIX + 1, PREFIX + 5, PREFIX + 2));

    assertThat(state.rowsDone()).isEqualTo(2);
    assertThat(state.resultPositions()).isEqualTo(Map.of(0, 0L));
  }

  /** Resumes from a checkpoint at L = 0 with these results on the topic; admits rows 1 and 2. */
  private ImportState run(List<String> requestIds) throws Exception {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(RESULTS));
    consumer.updateBeginningOffsets(Map.of(RESULTS, 0L));
    consumer.updateEndOffsets(Map.of(RESULTS, (long) requestIds.size()));
    consumer.seek(RESULTS, 0);
    for (int offset = 0; offset < requestIds.size(); offset++) {
      consumer.addRecord(
          new ConsumerRecord<>(
              RESULTS.topic(), 0, offset, requestIds.get(offset), created(requestIds.get(offset))));
    }
    ImportState start = ImportState.start("f", Map.of(0, 0L));
    Path statePath = dir.resolve("state");
    try (RejectsFile rejects = RejectsFile.open(dir.resolve("rejects.csv"), 0)) {
      DecisionWindow window = new DecisionWindow(10, start, rejects);
      ResultsFollower follower =
          new ResultsFollower(
              consumer,
              Topics.RESULTS.valueSerde().deserializer(),
              PREFIX,
              window,
              "f",
              statePath,
              Duration.ofHours(1),
              List.of(RESULTS),
              start);
      Thread thread = new Thread(follower);
      thread.start();
      follower.awaitCaughtUp();

      assertThat(window.admit(row(1), () -> false)).as("decided: not sent again").isFalse();
      assertThat(window.admit(row(2), () -> false)).isFalse();

      ImportState last = follower.stop();
      thread.join();
      assertThat(ImportState.read(statePath)).isEqualTo(last);
      return last;
    }
  }

  private static byte[] created(String requestId) {
    ContactResult result =
        ContactResult.newBuilder()
            .setRequestId(requestId)
            .setItemIndex(0)
            .setItemCount(1)
            .setKey(new ContactKey("mc", 0, requestId))
            .setContactId(7)
            .setStatus(ContactStatus.ACTIVE)
            .setNewContact(true)
            .setResolvedAt(Instant.parse("2026-05-01T09:00:00Z"))
            .setAction(CommandAction.ESTABLISH)
            .build();
    return Topics.RESULTS.valueSerde().serializer().serialize(Topics.RESULTS.name(), result);
  }

  private static Row row(long number) {
    Row row = new Row();
    row.number = number;
    row.line = number + 1;
    row.endOffset = number * 10;
    row.nextLine = number + 2;
    return row;
  }
}
