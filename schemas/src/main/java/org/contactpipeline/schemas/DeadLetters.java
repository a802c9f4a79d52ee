package org.contactpipeline.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every service puts on a record it sends to {@link Topics#DEAD_LETTERS}: why it was
 * refused and where it came from, so a person can fix and replay it. (Records that Kafka Streams
 * could not deserialize carry Streams' own {@code __streams.errors.*} headers instead.)
 */
public final class DeadLetters {

  public static final String REASON_HEADER = "contact.dlq.reason";
  public static final String SOURCE_HEADER = "contact.dlq.source";

  private DeadLetters() {}

  /** The original headers plus reason and {@code topic-partition@offset} of the refused record. */
  public static Headers headers(
      Headers original, String reason, String topic, int partition, long offset) {
    RecordHeaders headers = new RecordHeaders(original.toArray());
    headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(
        SOURCE_HEADER, (topic + "-" + partition + "@" + offset).getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
