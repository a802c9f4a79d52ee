package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contacts admin history} on a real broker, with commands and their results published as
 * ingest and the resolver publish them: one contact established, updated by key, then deleted by
 * ID, beside another contact that must not show.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryIT {

  private static final int P = 4;
  private static final ContactKey KEY = new ContactKey("demo", 0, "acruz@example.com");
  private static final ContactKey OTHER = new ContactKey("demo", 0, "jdoe@example.com");
  private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
  private static final Instant T1 = Instant.parse("2026-05-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-05-01T11:00:00Z");

  @TempDir static Path dataDir;
  private static LocalKafka kafka;
  private static long id;

  @BeforeAll
  static void startBrokerWithAHistory() throws Exception {
    kafka = LocalKafka.start(dataDir, 0);
    TopicLayout.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), P, 3);
    int owner = OwnerPartition.of(KEY, P);
    id = ContactIds.compose(1, owner, P);
    long otherId = ContactIds.compose(1, OwnerPartition.of(OTHER, P), P) + P * 10L;
    try (KafkaProducer<ContactKey, ContactCommand> commands =
            PipelineTopics.commandProducer(kafka.bootstrapServers());
        KafkaProducer<String, ContactResult> results =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Topics.RESULTS.keySerde().serializer(),
                Topics.RESULTS.valueSerde().serializer())) {
      // By key: the default partitioner puts each on its owner partition.
      commands
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  null,
                  T0.toEpochMilli(),
                  KEY,
                  command("r-1", KEY, null, CommandAction.ESTABLISH)))
          .get();
      results
          .send(
              new ProducerRecord<>(
                  Topics.RESULTS.name(),
                  0,
                  T0.plusMillis(5).toEpochMilli(),
                  "r-1",
                  result("r-1", KEY, id, true, CommandOutcome.RESOLVED)))
          .get();
      commands
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  null,
                  T0.plusMillis(1).toEpochMilli(),
                  OTHER,
                  command("r-9", OTHER, null, CommandAction.ESTABLISH)))
          .get();
      results
          .send(
              new ProducerRecord<>(
                  Topics.RESULTS.name(),
                  0,
                  T0.plusMillis(6).toEpochMilli(),
                  "r-9",
                  result("r-9", OTHER, otherId, true, CommandOutcome.RESOLVED)))
          .get();
      commands
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  null,
                  T1.toEpochMilli(),
                  KEY,
                  command("r-2", KEY, null, CommandAction.UPSERT)))
          .get();
      results
          .send(
              new ProducerRecord<>(
                  Topics.RESULTS.name(),
                  1,
                  T1.plusMillis(5).toEpochMilli(),
                  "r-2",
                  result("r-2", KEY, id, false, CommandOutcome.RESOLVED)))
          .get();
      // By ID: explicitly on partition id mod P, the key naming only the tenant.
      ContactKey tenantOnly = new ContactKey("demo", 0, "");
      commands
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  ContactIds.ownerPartition(id, P),
                  T2.toEpochMilli(),
                  tenantOnly,
                  command("r-3", tenantOnly, id, CommandAction.DELETE)))
          .get();
      results
          .send(
              new ProducerRecord<>(
                  Topics.RESULTS.name(),
                  2,
                  T2.plusMillis(5).toEpochMilli(),
                  "r-3",
                  result("r-3", KEY, id, false, CommandOutcome.DELETED)))
          .get();
    }
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldShowTheCommandsAndResultsOfAKeyInOrder() {
    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(), "admin", "history", "--key", "demo/0/acruz@example.com");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0))
        .isEqualTo(
            "history of demo/0/acruz@example.com (ID "
                + id
                + ") (owner partition "
                + OwnerPartition.of(KEY, P)
                + " of "
                + P
                + ")");
    assertThat(requests(run.outLines()))
        .containsExactly(
            "command r-1", "result r-1", "command r-2", "result r-2", "command r-3", "result r-3");
    assertThat(run.outLines()).last().isEqualTo("6 records");
    assertThat(run.out()).doesNotContain("jdoe").doesNotContain("r-9");
  }

  @Test
  void shouldShowTheSameHistoryForTheContactsId() {
    Contacts.Run run =
        Contacts.on(kafka.bootstrapServers(), "admin", "history", "--id", Long.toString(id));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0))
        .startsWith("history of ID " + id + " (demo/0/acruz@example.com)");
    assertThat(requests(run.outLines()))
        .containsExactly(
            "command r-1", "result r-1", "command r-2", "result r-2", "command r-3", "result r-3");
  }

  @Test
  void shouldKeepToTheTimeBounds() {
    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(),
            "admin",
            "history",
            "--key",
            "demo/0/acruz@example.com",
            "--since",
            T1.toString(),
            "--until",
            T1.plusSeconds(1).toString());

    assertThat(requests(run.outLines())).containsExactly("command r-2", "result r-2");
    assertThat(run.outLines().get(1))
        .matches(
            "2026-05-01T10:00:00Z +command  contact\\.commands-"
                + OwnerPartition.of(KEY, P)
                + "@\\d+ +UPSERT +request r-2 item 1/1  key demo/0/acruz@example\\.com");
  }

  @Test
  void shouldSayWhenNothingTouchedTheContact() {
    Contacts.Run run =
        Contacts.on(
            kafka.bootstrapServers(), "admin", "history", "--key", "demo/0/nobody@example.com");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).last().isEqualTo("no commands or results");
  }

  /** "command r-1", "result r-1", … from the history's lines. */
  private static List<String> requests(List<String> lines) {
    return lines.stream()
        .filter(line -> line.contains(" request "))
        .map(line -> line.split("\\s+")[1] + " " + line.replaceAll(".* request (\\S+) .*", "$1"))
        .toList();
  }

  private static ContactCommand command(
      String requestId, ContactKey key, Long contactId, CommandAction action) {
    ContactCommand command = PipelineTopics.command(requestId, key);
    command.setAction(action);
    command.setContactId(contactId);
    return command;
  }

  private static ContactResult result(
      String requestId, ContactKey key, long contactId, boolean created, CommandOutcome outcome) {
    return ContactResult.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(key)
        .setContactId(contactId)
        .setStatus(null)
        .setNewContact(created)
        .setResolvedAt(Instant.now())
        .setOutcome(outcome)
        .build();
  }
}
