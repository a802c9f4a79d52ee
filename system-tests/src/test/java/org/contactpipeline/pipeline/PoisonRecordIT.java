package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant 5 on the broker: poison commands go to the dead-letter topic and the pipeline carries
 * on.
 */
@Timeout(180)
class PoisonRecordIT {

  private static final String RESOLVER_DEAD_LETTERS = "contact_resolver_dead_letters_total";

  @Test
  void shouldDeadLetterBytesThatAreNotACommandAndKeepResolving() throws Exception {
    LocalStack stack = TestStack.get();
    Scrape before = Scrape.of(stack.resolverMetricsUrl());
    String marker = "poison-" + UUID.randomUUID();
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  0,
                  marker.getBytes(StandardCharsets.UTF_8),
                  "{\"contactKey\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    ConsumerRecord<byte[], byte[]> dead =
        PipelineTopics.readUntil(
                stack.bootstrapServers(),
                Topics.DEAD_LETTERS,
                record ->
                    record.key() != null
                        && new String(record.key(), StandardCharsets.UTF_8).equals(marker),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30))
            .get(0);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"contactKey\":\"not avro\"}");
    assertThat(headerNames(dead)).anyMatch(name -> name.startsWith("__streams.errors."));
    assertThat(deadLettersCounted(stack, "undecodable"))
        .isGreaterThan(before.sum(RESOLVER_DEAD_LETTERS, "reason=\"undecodable\""));
    assertThat(
            new Api(stack.httpUrl(), "demo-token")
                .establishIds(EstablishIT.keys("after-poison", 2)))
        .hasSize(2);
  }

  @Test
  void shouldDeadLetterAnInvalidCommandWithTheReason() throws Exception {
    LocalStack stack = TestStack.get();
    Scrape before = Scrape.of(stack.resolverMetricsUrl());
    String requestId = "invalid-" + UUID.randomUUID();
    ContactKey blank = new ContactKey("demo", 0, "");
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(stack.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(), blank, PipelineTopics.command(requestId, blank)))
          .get();
    }

    ConsumerRecord<byte[], byte[]> dead =
        PipelineTopics.readUntil(
                stack.bootstrapServers(),
                Topics.DEAD_LETTERS,
                record ->
                    record.headers().lastHeader(DeadLetters.REASON_HEADER) != null
                        && Topics.COMMANDS
                            .valueSerde()
                            .deserializer()
                            .deserialize("", record.value())
                            .getRequestId()
                            .equals(requestId),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30))
            .get(0);
    assertThat(
            new String(
                dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .contains("contactKey is empty");
    assertThat(
            new String(
                dead.headers().lastHeader(DeadLetters.SOURCE_HEADER).value(),
                StandardCharsets.UTF_8))
        .startsWith(Topics.COMMANDS.name() + "-");
    assertThat(deadLettersCounted(stack, "invalid_command"))
        .isGreaterThan(before.sum(RESOLVER_DEAD_LETTERS, "reason=\"invalid_command\""));
  }

  /** The resolver's count of dead letters for {@code reason}, as its /metrics says now. */
  private static double deadLettersCounted(LocalStack stack, String reason) {
    return Scrape.of(stack.resolverMetricsUrl())
        .sum(RESOLVER_DEAD_LETTERS, "reason=\"" + reason + "\"");
  }

  private static java.util.List<String> headerNames(ConsumerRecord<?, ?> record) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Header header : record.headers()) {
      names.add(header.key());
    }
    return names;
  }
}
