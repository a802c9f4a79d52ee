package org.contactpipeline.tools;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.PipelineTopics;

/** Dead letters shaped the way the resolver and the sink write them. */
final class DeadLetterFixtures {

  private DeadLetterFixtures() {}

  /** Like the resolver's: the command's key and value, its headers, reason and source. */
  static ProducerRecord<byte[], byte[]> refusedCommand(
      ContactKey key, String requestId, String reason, int sourcePartition, long sourceOffset) {
    ContactCommand command = PipelineTopics.command(requestId, key);
    Headers original = new RecordHeaders();
    original.add("trace-id", ("trace-" + requestId).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(),
        null,
        keyBytes(key),
        valueBytes(command),
        DeadLetters.headers(
            original, reason, Topics.COMMANDS.name(), sourcePartition, sourceOffset));
  }

  /** One Kafka Streams could not deserialize: its own {@code __streams.errors.*} headers. */
  static ProducerRecord<byte[], byte[]> undecodableCommand(
      byte[] key, byte[] value, int sourcePartition, long sourceOffset) {
    Headers headers = new RecordHeaders();
    add(
        headers,
        "__streams.errors.exception",
        "org.apache.kafka.common.errors.SerializationException");
    add(headers, "__streams.errors.message", "not a ContactCommand");
    add(headers, "__streams.errors.topic", Topics.COMMANDS.name());
    add(headers, "__streams.errors.partition", Integer.toString(sourcePartition));
    add(headers, "__streams.errors.offset", Long.toString(sourceOffset));
    return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key, value, headers);
  }

  static ProducerRecord<byte[], byte[]> at(ProducerRecord<byte[], byte[]> record, Instant time) {
    return new ProducerRecord<>(
        record.topic(),
        record.partition(),
        time.toEpochMilli(),
        record.key(),
        record.value(),
        record.headers());
  }

  /** Sends and returns where the record landed. */
  static Position send(String bootstrap, ProducerRecord<byte[], byte[]> record)
      throws ExecutionException, InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      RecordMetadata sent = producer.send(record).get();
      return new Position(sent.partition(), sent.offset());
    }
  }

  static byte[] keyBytes(ContactKey key) {
    return Topics.COMMANDS.keySerde().serializer().serialize(Topics.COMMANDS.name(), key);
  }

  static byte[] valueBytes(ContactCommand command) {
    return Topics.COMMANDS.valueSerde().serializer().serialize(Topics.COMMANDS.name(), command);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
