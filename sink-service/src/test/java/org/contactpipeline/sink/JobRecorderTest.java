package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
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

    assertThat(recorder.decode(record(encoded(job)))).contains(job);
  }

  @Test
  void shouldDeadLetterWhatIsNoJobOrAJobWithoutItems() {
    assertThatThrownBy(() -> recorder.decode(record("not a job".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> recorder.decode(record(encoded(JobRecords.job("demo", "j", 0, null)))))
        .isInstanceOf(SerializationException.class);
  }

  private static byte[] encoded(ContactJob job) {
    return Topics.JOBS.valueSerde().serializer().serialize(Topics.JOBS.name(), job);
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>(
        Topics.JOBS.name(),
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        null,
        value,
        new RecordHeaders(),
        Optional.empty());
  }
}
