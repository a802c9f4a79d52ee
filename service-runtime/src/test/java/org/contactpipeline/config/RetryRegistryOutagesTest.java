package org.contactpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RetryRegistryOutagesTest {

  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "not avro".getBytes(StandardCharsets.UTF_8);
  private static final ConsumerRecord<byte[], byte[]> RECORD =
      new ConsumerRecord<>(Topics.COMMANDS.name(), 3, 42L, KEY, VALUE);

  private final AtomicInteger deadLettered = new AtomicInteger();
  private final RetryRegistryOutages handler = new RetryRegistryOutages();

  @BeforeEach
  void configureAsTheResolverDoes() {
    handler.configure(
        Map.of(
            "errors.dead.letter.queue.topic.name",
            Topics.DEAD_LETTERS.name(),
            RetryRegistryOutages.ON_DEAD_LETTER,
            (Runnable) deadLettered::incrementAndGet));
  }

  @Test
  void shouldDeadLetterAnUndecodableRecordReportItAndCarryOn() {
    Response response =
        handler.handleError(new Context(), RECORD, new SerializationException("not a command"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords())
        .singleElement()
        .satisfies(dead -> assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTERS.name()));
    assertThat(deadLettered).hasValue(1);
  }

  @Test
  void shouldStopWithoutDeadLetteringOrReportingWhileTheRegistryIsUnreachable() {
    Response response =
        handler.handleError(
            new Context(),
            RECORD,
            new SerializationException(
                "cannot decode",
                new SchemaRegistryUnavailableException("registry unreachable", null)));

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(deadLettered).hasValue(0);
  }

  /** Where the record came from, as Kafka Streams tells a handler. */
  private static final class Context implements ErrorHandlerContext {
    @Override
    public String topic() {
      return RECORD.topic();
    }

    @Override
    public int partition() {
      return RECORD.partition();
    }

    @Override
    public long offset() {
      return RECORD.offset();
    }

    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return "commands-source";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, RECORD.partition());
    }

    @Override
    public long timestamp() {
      return 1_700_000_000_000L;
    }

    @Override
    public byte[] sourceRawKey() {
      return KEY;
    }

    @Override
    public byte[] sourceRawValue() {
      return VALUE;
    }
  }
}
