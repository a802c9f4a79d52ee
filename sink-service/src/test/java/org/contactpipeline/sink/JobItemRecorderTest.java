package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.sink.ConsumedRecords.NOT_AVRO;
import static org.contactpipeline.sink.ConsumedRecords.RESULTS;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.JobItemTable;
import org.contactpipeline.testing.JobRecords;
import org.junit.jupiter.api.Test;

class JobItemRecorderTest {

  private final JobItemRecorder recorder =
      new JobItemRecorder(
          new JobItemTable(null), Topics.RESULTS.valueSerde().deserializer(), completed -> {});

  @Test
  void shouldPassResultsTheHeaderSaysAreNoJobsByWithoutDecodingThem() {
    assertThat(
            recorder.decode(
                RESULTS.raw(NOT_AVRO, ResultHeaders.forResult(CommandAction.UPSERT, false))))
        .isEmpty();
  }

  @Test
  void shouldRecordAJobItemTheHeaderNames() {
    ContactResult item = JobRecords.itemResult("demo", "job-1", 0, 1);

    Optional<ContactResult> decoded =
        recorder.decode(RESULTS.encoded(item, ResultHeaders.forResult(CommandAction.UPSERT, true)));

    assertThat(decoded).contains(item);
  }

  @Test
  void shouldDecodeAResultWithoutTheHeaderAndKeepOnlyJobItems() {
    ContactResult item = JobRecords.itemResult("demo", "job-1", 0, 1);
    ContactResult plain = ContactResult.newBuilder(item).setJob(false).build();

    assertThat(
            recorder.decode(RESULTS.encoded(item, ResultHeaders.forAction(CommandAction.UPSERT))))
        .contains(item);
    assertThat(recorder.decode(RESULTS.encoded(plain, new RecordHeaders()))).isEmpty();
  }

  @Test
  void shouldFetchWhatAJobCanFillInsteadOfWhatTenMillisecondsBring() {
    SinkConfig config = SinkConfig.from(Settings.of(SinkConfig.DEFAULTS));

    Map<String, Object> props = TopicToTable.consumerProperties(config, "items", recorder);

    assertThat(props)
        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)
        .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200)
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
  }

  @Test
  void shouldLeaveAnUndecodableResultToTheOperationRecordersDeadLetter() {
    assertThat(recorder.decode(RESULTS.raw(NOT_AVRO, new RecordHeaders()))).isEmpty();
  }
}
