package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contacts admin dead-letters replay} on a real broker: the original record goes back once,
 * and every later request for it, from the same run or a new one, is refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLettersReplayIT {

  private static final int P = 4;
  private static final Duration READ = Duration.ofSeconds(30);
  private static final Topic<byte[], byte[]> COMMANDS_AS_BYTES =
      new Topic<>(Topics.COMMANDS.name(), Serdes.ByteArray(), Serdes.ByteArray());

  @TempDir static Path dataDir;
  private static LocalKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.start(dataDir, 0);
    TopicLayout.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), P, 2);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldReplayTheOriginalRecordOnceAndRefuseTheSecondTime() throws Exception {
    ContactKey key = new ContactKey("demo", 0, "replay-once@example.com");
    int owner = OwnerPartition.of(key, P);
    ProducerRecord<byte[], byte[]> deadLetter =
        DeadLetterFixtures.refusedCommand(key, "r-once", "resolver bug #12", owner, 40);
    Position position = DeadLetterFixtures.send(kafka.bootstrapServers(), deadLetter);

    Contacts.Run first =
        Contacts.on(
            kafka.bootstrapServers(), "admin", "dead-letters", "replay", position.toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith(position + " replayed ")
        .contains(" to contact.commands-" + owner + "@");
    List<ConsumerRecord<byte[], byte[]>> replayed = replaysOf(deadLetter.value(), 1);
    ConsumerRecord<byte[], byte[]> record = replayed.get(0);
    assertThat(record.partition()).isEqualTo(owner);
    assertThat(record.key()).isEqualTo(deadLetter.key());
    assertThat(Arrays.stream(record.headers().toArray()).map(Header::key))
        .containsExactly("trace-id");
    assertThat(record.headers().lastHeader("trace-id").value())
        .isEqualTo("trace-r-once".getBytes(StandardCharsets.UTF_8));

    Contacts.Run again =
        Contacts.on(
            kafka.bootstrapServers(), "admin", "dead-letters", "replay", position.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .startsWith("refused " + position + ": it was already replayed ")
        .contains("a dead letter is replayed once");
    assertThat(PipelineTopics.readToEnd(kafka.bootstrapServers(), COMMANDS_AS_BYTES, READ))
        .filteredOn(each -> Arrays.equals(each.value(), deadLetter.value()))
        .hasSize(1);
  }

  @Test
  void shouldRecordTheReplayDurablyOnTheReplaysTopic() throws Exception {
    ContactKey key = new ContactKey("demo", 0, "marker@example.com");
    Position position =
        DeadLetterFixtures.send(
            kafka.bootstrapServers(),
            DeadLetterFixtures.refusedCommand(
                key, "r-marker", "why", OwnerPartition.of(key, P), 41));

    Contacts.on(kafka.bootstrapServers(), "admin", "dead-letters", "replay", position.toString());

    assertThat(PipelineTopics.readToEnd(kafka.bootstrapServers(), Topics.DEAD_LETTER_REPLAYS, READ))
        .filteredOn(marker -> marker.key().equals(position.toString()))
        .singleElement()
        .satisfies(
            marker ->
                assertThat(marker.value())
                    .startsWith("replayed ")
                    .contains(" to contact.commands-"));
  }

  @Test
  void shouldReplayEverythingSinceATimeSkippingWhatWasReplayed() throws Exception {
    // Every dead letter of the other tests is older, whichever order they run in.
    Instant since = Instant.ofEpochMilli(System.currentTimeMillis());
    ContactKey key = new ContactKey("demo", 0, "since@example.com");
    ProducerRecord<byte[], byte[]> first =
        DeadLetterFixtures.refusedCommand(key, "r-since-1", "why", OwnerPartition.of(key, P), 50);
    byte[] undecodableValue = "not avro since".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> second =
        DeadLetterFixtures.undecodableCommand(new byte[] {9}, undecodableValue, 2, 51);
    Position firstAt = DeadLetterFixtures.send(kafka.bootstrapServers(), first);
    Position secondAt = DeadLetterFixtures.send(kafka.bootstrapServers(), second);
    Contacts.on(kafka.bootstrapServers(), "admin", "dead-letters", "replay", firstAt.toString());

    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(),
            "admin",
            "dead-letters",
            "replay",
            "--all-since",
            since.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines())
        .hasSize(2)
        .anySatisfy(
            line -> assertThat(line).startsWith("skipped " + firstAt + ": already replayed "))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(secondAt + " replayed ")
                    .contains(" to contact.commands-2@"));
    assertThat(replaysOf(undecodableValue, 1).get(0).partition()).isEqualTo(2);
    assertThat(PipelineTopics.readToEnd(kafka.bootstrapServers(), COMMANDS_AS_BYTES, READ))
        .filteredOn(each -> Arrays.equals(each.value(), first.value()))
        .hasSize(1);
  }

  @Test
  void shouldRefuseADeadLetterWithoutASourceOrAtNoPosition() throws Exception {
    Position sourceless =
        DeadLetterFixtures.send(
            kafka.bootstrapServers(),
            new ProducerRecord<>(Topics.DEAD_LETTERS.name(), new byte[] {1}, new byte[] {2}));

    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(),
            "admin",
            "dead-letters",
            "replay",
            sourceless.toString(),
            "0@999999");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactlyInAnyOrder(
            "refused 0@999999: there is no dead letter at 0@999999",
            "refused "
                + sourceless
                + ": it names no source (topic-partition@offset), so it has nowhere to go");
    assertThat(run.out()).isEmpty();
  }

  /** The records on contact.commands with this value, once there are {@code count} of them. */
  private static List<ConsumerRecord<byte[], byte[]>> replaysOf(byte[] value, int count) {
    return PipelineTopics.readUntil(
        kafka.bootstrapServers(),
        COMMANDS_AS_BYTES,
        record -> Arrays.equals(record.value(), value),
        read -> read.size() >= count,
        READ);
  }
}
