package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpipeline.sink.ConsumedRecords.JOBS;
import static org.contactpipeline.sink.ConsumedRecords.NOT_AVRO;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.store.JobTable;
import org.contactpipeline.testing.JobRecords;
import org.junit.jupiter.api.Test;

class JobRecorderTest {

  private final JobRecorder recorder =
      new JobRecorder(new JobTable(null), Topics.JOBS.valueSerde().deserializer(), completed -> {});

  @Test
  void shouldRecordAJobAsAccepted() {
    ContactJob job = JobRecords.job("demo", "job-1", 2, "https://hooks.example.com/");

    assertThat(recorder.decode(JOBS.encoded(job, new RecordHeaders()))).contains(job);
  }

  @Test
  void shouldDeadLetterWhatIsNoJobOrAJobWithoutItems() {
    assertThatThrownBy(() -> recorder.decode(JOBS.raw(NOT_AVRO, new RecordHeaders())))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(
            () ->
                recorder.decode(
                    JOBS.encoded(JobRecords.job("demo", "j", 0, null), new RecordHeaders())))
        .isInstanceOf(SerializationException.class);
  }
}
