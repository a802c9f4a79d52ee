package org.contactpipeline.tools;

import java.util.Objects;

/**
 * Where a dead letter came from: the {@code topic-partition@offset} of the record a service
 * refused, as {@link org.contactpipeline.schemas.DeadLetters} writes it in its source header.
 */
public record SourcePosition(String topic, int partition, long offset) {

  public SourcePosition {
    Objects.requireNonNull(topic, "topic");
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("topic must not be empty");
    }
  }

  /**
   * Parses {@code topic-partition@offset}; topic names may hold dashes themselves, so the partition
   * is what follows the last dash.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static SourcePosition parse(String text) {
    int at = text.lastIndexOf('@');
    int dash = at < 0 ? -1 : text.lastIndexOf('-', at);
    if (dash <= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a source: expected topic-partition@offset");
    }
    Position position;
    try {
      position = Position.parse(text.substring(dash + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a source: expected topic-partition@offset", e);
    }
    return new SourcePosition(text.substring(0, dash), position.partition(), position.offset());
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
