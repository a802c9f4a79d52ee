package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.stack.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code contacts admin dead-letters list} on a real broker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLettersListIT {

  private static final Instant MORNING = Instant.parse("2026-05-01T09:00:00Z");
  private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");

  @TempDir static Path dataDir;
  private static LocalKafka kafka;
  private static Position morning;
  private static Position noon;
  private static Position undecodable;

  @BeforeAll
  static void startBrokerWithDeadLetters() throws Exception {
    kafka = LocalKafka.start(dataDir, 0);
    TopicLayout.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), 4, 2);
    morning =
        DeadLetterFixtures.send(
            kafka.bootstrapServers(),
            DeadLetterFixtures.at(
                DeadLetterFixtures.refusedCommand(
                    new ContactKey("demo", 0, "acruz@example.com"),
                    "r-1",
                    "command reached partition 1, but its key is owned by partition 2",
                    1,
                    7),
                MORNING));
    noon =
        DeadLetterFixtures.send(
            kafka.bootstrapServers(),
            DeadLetterFixtures.at(
                DeadLetterFixtures.refusedCommand(
                    new ContactKey("demo", 0, "jdoe@example.com"), "r-2", "too many items", 3, 9),
                NOON));
    undecodable =
        DeadLetterFixtures.send(
            kafka.bootstrapServers(),
            DeadLetterFixtures.at(
                DeadLetterFixtures.undecodableCommand(
                    "plain".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[] {0, 1},
                    0,
                    3),
                NOON.plusSeconds(1)));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldListEachDeadLetterWithPositionTimeReasonSourceAndKey() {
    Contacts.Run run = Contacts.on(kafka.bootstrapServers(), "admin", "dead-letters", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            morning
                + "  2026-05-01T09:00:00Z  reason: command reached partition 1, but its key is"
                + " owned by partition 2  source: contact.commands-1@7  key: demo/0/acruz@example.com",
            noon
                + "  2026-05-01T12:00:00Z  reason: too many items  source: contact.commands-3@9"
                + "  key: demo/0/jdoe@example.com",
            undecodable
                + "  2026-05-01T12:00:01Z  reason: org.apache.kafka.common.errors"
                + ".SerializationException: not a ContactCommand  source: contact.commands-0@3"
                + "  key: \"plain\"");
  }

  @Test
  void shouldListOnlyThoseSinceATime() {
    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(),
            "admin",
            "dead-letters",
            "list",
            "--since",
            "2026-05-01T10:00:00Z");

    assertThat(run.outLines()).hasSize(2);
    assertThat(run.outLines().get(0)).startsWith(noon + "  2026-05-01T12:00:00Z");
  }

  @Test
  void shouldStopAtTheLimitAndSaySo() {
    Contacts.Run run =
        Contacts.on(kafka.bootstrapServers(), "admin", "dead-letters", "list", "--limit", "1");

    assertThat(run.outLines()).hasSize(2);
    assertThat(run.outLines().get(0)).startsWith(morning + "  ");
    assertThat(run.outLines().get(1)).startsWith("… more after these 1");
  }

  @Test
  void shouldSayWhenThereAreNone() {
    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(),
            "admin",
            "dead-letters",
            "list",
            "--since",
            "2027-01-01T00:00:00Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo("no dead letters since 2027-01-01T00:00:00Z" + System.lineSeparator());
  }
}
