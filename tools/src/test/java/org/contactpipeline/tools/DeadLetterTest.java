package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

/** Reading the two shapes of dead letter, and printing one as a line. */
class DeadLetterTest {

  private static final ContactKey KEY = new ContactKey("demo", 0, "acruz@example.com");

  @Test
  void shouldReadReasonAndSourceOfTheServicesDeadLetters() {
    DeadLetter deadLetter =
        deadLetter(
            keyBytes(KEY),
            DeadLetters.headers(
                withTrace(), "the key is owned by partition 3", "contact.commands", 5, 42));

    assertThat(deadLetter.reason()).contains("the key is owned by partition 3");
    assertThat(deadLetter.source()).contains(new SourcePosition("contact.commands", 5, 42));
  }

  @Test
  void shouldReadReasonAndSourceOfKafkaStreamsDeadLetters() {
    Headers headers = withTrace();
    add(
        headers,
        "__streams.errors.exception",
        "org.apache.kafka.common.errors.SerializationException");
    add(headers, "__streams.errors.message", "Unknown magic byte!");
    add(headers, "__streams.errors.stacktrace", "at line 1\n\tat line 2");
    add(headers, "__streams.errors.topic", "contact.commands");
    add(headers, "__streams.errors.partition", "7");
    add(headers, "__streams.errors.offset", "19");

    DeadLetter deadLetter = deadLetter(new byte[] {1, 2}, headers);

    assertThat(deadLetter.reason())
        .contains("org.apache.kafka.common.errors.SerializationException: Unknown magic byte!");
    assertThat(deadLetter.source()).contains(new SourcePosition("contact.commands", 7, 19));
  }

  @Test
  void shouldKeepOnlyTheOriginalHeadersForReplay() {
    Headers headers = DeadLetters.headers(withTrace(), "why", "contact.changelog", 0, 1);
    add(headers, "__streams.errors.message", "boom");

    Header[] original = deadLetter(keyBytes(KEY), headers).originalHeaders().toArray();

    assertThat(original).extracting(Header::key).containsExactly("trace-id");
    assertThat(original[0].value()).isEqualTo("t-1".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldSayWhenThereIsNoSourceOrReason() {
    DeadLetter deadLetter = deadLetter(null, new RecordHeaders());

    assertThat(deadLetter.source()).isEqualTo(Optional.empty());
    assertThat(deadLetter.reason()).isEqualTo(Optional.empty());
  }

  @Test
  void shouldRefuseAMalformedSourceByName() {
    Headers headers = new RecordHeaders();
    add(headers, DeadLetters.SOURCE_HEADER, "somewhere");

    assertThatThrownBy(() -> deadLetter(null, headers).source())
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("0@7 has a malformed source");
  }

  @Test
  void shouldSummarizeKeysAsContactKeysTextOrBytes() {
    assertThat(DeadLetter.summary(keyBytes(KEY))).isEqualTo("demo/0/acruz@example.com");
    assertThat(DeadLetter.summary(keyBytes(new ContactKey("demo", 1, ""))))
        .isEqualTo("demo/1/ (addressed by ID)");
    assertThat(DeadLetter.summary("request-17".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"request-17\"");
    assertThat(DeadLetter.summary(new byte[] {(byte) 0xff, 0, 1})).isEqualTo("3 bytes ff0001");
    assertThat(DeadLetter.summary(new byte[20])).isEqualTo("20 bytes " + "00".repeat(16) + "…");
    assertThat(DeadLetter.summary(null)).isEqualTo("(no key)");
  }

  @Test
  void shouldListOneDeadLetterOnOneLine() {
    Headers headers = new RecordHeaders();
    add(headers, DeadLetters.REASON_HEADER, "value too long\nfor column data");
    add(headers, DeadLetters.SOURCE_HEADER, "contact.changelog-4@88");

    String line =
        DeadLettersListCommand.line(
            deadLetter(keyBytes(KEY), headers), "replayed 2026-05-01T10:00:00Z to x-4@90");

    assertThat(line)
        .isEqualTo(
            "0@7  2026-05-01T09:00:00Z  reason: value too long for column data  "
                + "source: contact.changelog-4@88  key: demo/0/acruz@example.com  "
                + "replayed 2026-05-01T10:00:00Z to x-4@90");
  }

  private static DeadLetter deadLetter(byte[] key, Headers headers) {
    return DeadLetter.of(
        new ConsumerRecord<>(
            Topics.DEAD_LETTERS.name(),
            0,
            7,
            java.time.Instant.parse("2026-05-01T09:00:00Z").toEpochMilli(),
            TimestampType.CREATE_TIME,
            key == null ? -1 : key.length,
            3,
            key,
            new byte[] {1, 2, 3},
            headers,
            Optional.empty()));
  }

  private static byte[] keyBytes(ContactKey key) {
    return Topics.COMMANDS.keySerde().serializer().serialize(Topics.COMMANDS.name(), key);
  }

  private static Headers withTrace() {
    Headers headers = new RecordHeaders();
    add(headers, "trace-id", "t-1");
    return headers;
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
