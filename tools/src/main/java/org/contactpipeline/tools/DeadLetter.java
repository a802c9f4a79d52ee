package org.contactpipeline.tools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * One record of {@code contact.dead-letters} as a person reads it: where it sits, why it was
 * refused and where from, and the original record to replay. Two shapes exist: the services' own
 * ({@link DeadLetters}' reason and source headers) and Kafka Streams' for bytes it could not
 * deserialize ({@code __streams.errors.*} headers).
 */
record DeadLetter(Position position, Instant time, ConsumerRecord<byte[], byte[]> record) {

  static final String STREAMS_HEADER_PREFIX = "__streams.errors.";
  private static final String DLQ_HEADER_PREFIX = "contact.dlq.";

  private static final int SHOWN_TEXT = 80;
  private static final int SHOWN_BYTES = 16;
  // The 2-byte marker of Avro's single-object encoding, which every ContactKey key starts with.
  private static final byte SINGLE_OBJECT_0 = (byte) 0xC3;
  private static final byte SINGLE_OBJECT_1 = (byte) 0x01;

  static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        new Position(record.partition(), record.offset()),
        Instant.ofEpochMilli(record.timestamp()),
        record);
  }

  /** Why it was refused: the service's reason, or the exception Kafka Streams reported. */
  Optional<String> reason() {
    Optional<String> reason = header(DeadLetters.REASON_HEADER);
    if (reason.isPresent()) {
      return reason;
    }
    Optional<String> exception = header(STREAMS_HEADER_PREFIX + "exception");
    Optional<String> message = header(STREAMS_HEADER_PREFIX + "message");
    if (exception.isEmpty() && message.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(exception.orElse("error") + message.map(text -> ": " + text).orElse(""));
  }

  /**
   * Where the refused record was: the service's source header, or the topic, partition and offset
   * Kafka Streams recorded.
   *
   * @throws ToolException when a source header is there but malformed
   */
  Optional<SourcePosition> source() {
    Optional<String> source = header(DeadLetters.SOURCE_HEADER);
    try {
      if (source.isPresent()) {
        return Optional.of(SourcePosition.parse(source.get()));
      }
      Optional<String> topic = header(STREAMS_HEADER_PREFIX + "topic");
      Optional<String> partition = header(STREAMS_HEADER_PREFIX + "partition");
      Optional<String> offset = header(STREAMS_HEADER_PREFIX + "offset");
      if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new SourcePosition(
              topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get())));
    } catch (IllegalArgumentException e) {
      throw new ToolException(
          "dead letter " + position + " has a malformed source: " + e.getMessage(), e);
    }
  }

  /** The headers the refused record had: all but the dead-letter ones. */
  Headers originalHeaders() {
    RecordHeaders original = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(DLQ_HEADER_PREFIX)
          && !header.key().startsWith(STREAMS_HEADER_PREFIX)) {
        original.add(header);
      }
    }
    return original;
  }

  /**
   * The key for a person: a contact key as {@code tenant/type/key}, other text quoted, anything
   * else as its size and first bytes.
   */
  String keySummary() {
    return summary(record.key());
  }

  static String summary(byte[] key) {
    if (key == null) {
      return "(no key)";
    }
    if (key.length > 2 && key[0] == SINGLE_OBJECT_0 && key[1] == SINGLE_OBJECT_1) {
      try {
        ContactKey contactKey =
            Topics.CONTACT_KEY_SERDE.deserializer().deserialize(Topics.COMMANDS.name(), key);
        return contactKey.getContactKey().isEmpty()
            ? contactKey.getTenant() + "/" + contactKey.getContactType() + "/ (addressed by ID)"
            : KeyArgument.format(contactKey);
      } catch (RuntimeException notAContactKey) {
        // Falls through to the raw forms below.
      }
    }
    Optional<String> text = utf8(key);
    if (text.isPresent() && text.get().chars().noneMatch(Character::isISOControl)) {
      return "\"" + shorten(text.get()) + "\"";
    }
    int shown = Math.min(key.length, SHOWN_BYTES);
    return key.length
        + " bytes "
        + HexFormat.of().formatHex(key, 0, shown)
        + (key.length > shown ? "…" : "");
  }

  private Optional<String> header(String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** One line of text: control characters (a stack trace's line breaks) become spaces. */
  static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return line.toString().strip();
  }

  private static String shorten(String text) {
    return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "…";
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
