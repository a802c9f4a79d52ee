package org.contactpipeline.sink;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Records of one topic as a sink target's {@code decode} receives them: raw bytes with headers, for
 * the tests of what each target decodes, passes by or leaves to its dead letters. They carry no
 * key, as no target reads one.
 */
final class ConsumedRecords<V> {

  static final ConsumedRecords<ContactResult> RESULTS = new ConsumedRecords<>(Topics.RESULTS);
  static final ConsumedRecords<ContactJob> JOBS = new ConsumedRecords<>(Topics.JOBS);

  /** A value that no topic's Avro decoder can read. */
  static final byte[] NOT_AVRO = "not avro".getBytes(StandardCharsets.UTF_8);

  private final Topic<?, V> topic;

  private ConsumedRecords(Topic<?, V> topic) {
    this.topic = topic;
  }

  /** {@code value} encoded as its producer writes it. */
  ConsumerRecord<byte[], byte[]> encoded(V value, Headers headers) {
    return raw(topic.valueSerde().serializer().serialize(topic.name(), value), headers);
  }

  /** {@code value} as it stands on the topic, whether or not anything can decode it. */
  ConsumerRecord<byte[], byte[]> raw(byte[] value, Headers headers) {
    return new ConsumerRecord<>(
        topic.name(),
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        null,
        value,
        headers,
        Optional.empty());
  }
}
