package org.contactpipeline.tools;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * One line of a contact's history: a command or a result, where it is on its topic, and what it
 * said. Lines order by record time, a command before the results of the same millisecond.
 */
record HistoryLine(long timestamp, int kind, String topic, int partition, long offset, String text)
    implements Comparable<HistoryLine> {

  private static final int COMMAND = 0;
  private static final int RESULT = 1;

  private static final Comparator<HistoryLine> ORDER =
      Comparator.comparingLong(HistoryLine::timestamp)
          .thenComparingInt(HistoryLine::kind)
          .thenComparing(HistoryLine::topic)
          .thenComparingInt(HistoryLine::partition)
          .thenComparingLong(HistoryLine::offset);

  static HistoryLine of(ConsumerRecord<?, ?> record, ContactCommand command) {
    StringBuilder text = start(record, "command", command.getAction().name());
    text.append("  request ")
        .append(command.getRequestId())
        .append(" item ")
        .append(command.getItemIndex() + 1)
        .append('/')
        .append(command.getItemCount())
        .append("  ")
        .append(addressed(command.getKey(), command.getContactId()));
    if (command.getChanges() != null) {
      List<String> fields = fieldsSet(command.getChanges());
      if (!fields.isEmpty()) {
        text.append("  changes ").append(String.join(",", fields));
      }
    }
    return line(record, COMMAND, text);
  }

  static HistoryLine of(ConsumerRecord<?, ?> record, ContactResult result) {
    StringBuilder text = start(record, "result", result.getOutcome().name());
    text.append("  request ")
        .append(result.getRequestId())
        .append(" item ")
        .append(result.getItemIndex() + 1)
        .append('/')
        .append(result.getItemCount())
        .append("  ")
        .append(
            addressed(result.getKey(), result.getContactId() > 0 ? result.getContactId() : null));
    if (result.getNewContact()) {
      text.append(" (new)");
    }
    if (result.getMessage() != null && !result.getMessage().isBlank()) {
      text.append("  \"").append(DeadLetter.oneLine(result.getMessage())).append('"');
    }
    return line(record, RESULT, text);
  }

  private static StringBuilder start(ConsumerRecord<?, ?> record, String kind, String what) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    // Columns: an instant with milliseconds is 24 characters long.
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "%-24s  %-7s  %-22s  %-21s",
            Instant.ofEpochMilli(record.timestamp()),
            kind,
            where,
            what));
  }

  private static HistoryLine line(ConsumerRecord<?, ?> record, int kind, StringBuilder text) {
    return new HistoryLine(
        record.timestamp(),
        kind,
        record.topic(),
        record.partition(),
        record.offset(),
        text.toString().stripTrailing());
  }

  /** {@code key t/0/k id 27}, or {@code id 27 (tenant t)} for a command addressed by ID. */
  static String addressed(ContactKey key, Long contactId) {
    if (key == null || key.getContactKey().isEmpty()) {
      return "id " + contactId + (key == null ? "" : " (tenant " + key.getTenant() + ")");
    }
    return "key " + KeyArgument.format(key) + (contactId == null ? "" : " id " + contactId);
  }

  /** The names of the fields a change sets: neither null nor empty. */
  static List<String> fieldsSet(ContactData data) {
    return data.getSchema().getFields().stream()
        .filter(field -> isSet(data.get(field.pos())))
        .map(Schema.Field::name)
        .toList();
  }

  private static boolean isSet(Object value) {
    if (value instanceof Collection<?> collection) {
      return !collection.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    return value != null;
  }

  @Override
  public int compareTo(HistoryLine other) {
    return ORDER.compare(this, other);
  }
}
