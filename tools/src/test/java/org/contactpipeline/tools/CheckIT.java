package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.Poll;
import org.contactpipeline.testing.TopicConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code contacts admin check} on a real broker laid out well, and on one laid out badly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckIT {

  private static final String SEQUENCES_CHANGELOG =
      "contact-resolver-contact-id-sequences-changelog";

  @TempDir Path dataDir;

  @Test
  void shouldPassOnTheLayoutTheCodeCreates() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 4, 2);
      // What Kafka Streams creates for the resolver's sequence store when it runs with P = 4.
      createTopics(kafka, List.of(new NewTopic(SEQUENCES_CHANGELOG, 4, (short) 1)));

      Contacts.Run run =
          Contacts.run(
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "COMMANDS_PARTITIONS", "4"),
              "admin",
              "check");

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.outLines())
          .contains(
              "ok       contact.commands: 4 partitions",
              "ok       contact.changelog: cleanup.policy=compact",
              "ok       contact.dead-letters.replays: cleanup.policy=compact",
              "ok       the resolver's store " + SEQUENCES_CHANGELOG + " was built for P = 4")
          .noneMatch(line -> line.startsWith("problem"))
          .last()
          .isEqualTo("all well: " + kafka.bootstrapServers() + " matches the layout with P = 4");

      Contacts.Run otherP =
          Contacts.on(kafka.bootstrapServers(), "admin", "check", "--commands-partitions", "12");

      assertThat(otherP.exitCode()).isEqualTo(1);
      assertThat(otherP.outLines())
          .filteredOn(line -> line.startsWith("problem"))
          .containsExactly(
              "problem  contact.commands has 4 partitions, expected 12 (COMMANDS_PARTITIONS): the"
                  + " resolver refuses to start, and contact IDs encode the owner partition, so the"
                  + " count cannot change for existing data",
              "problem  contact.changelog has 4 partitions, expected 12, as many as"
                  + " contact.commands (COMMANDS_PARTITIONS)");
      assertThat(otherP.outLines()).last().isEqualTo("2 problems");
    }
  }

  @Test
  void shouldReportEachProblemOnItsOwnLine() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 4, 2);
      try (Admin admin = Admin.create(admin(kafka))) {
        admin.deleteTopics(List.of(Topics.DEAD_LETTER_REPLAYS.name())).all().get();
        TopicConfigs.set(admin, Topics.CHANGELOG.name(), "cleanup.policy", "delete");
        Poll.until(
            java.time.Duration.ofSeconds(30),
            () -> names(admin),
            names -> !names.contains(Topics.DEAD_LETTER_REPLAYS.name()));
      }
      // The resolver once ran with P = 3 here.
      createTopics(kafka, List.of(new NewTopic(SEQUENCES_CHANGELOG, 3, (short) 1)));

      Contacts.Run run =
          Contacts.on(kafka.bootstrapServers(), "admin", "check", "--commands-partitions", "4");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.outLines())
          .filteredOn(line -> line.startsWith("problem"))
          .containsExactlyInAnyOrder(
              "problem  contact.dead-letters.replays is missing (TopicLayout, or docker-compose's"
                  + " kafka-init, creates it)",
              "problem  contact.changelog has cleanup.policy=delete, expected compact",
              "problem  the resolver's store "
                  + SEQUENCES_CHANGELOG
                  + " has 3 partitions but contact.commands has 4: the resolver ran with P = 3,"
                  + " and the IDs it issued encode that count");
      assertThat(run.outLines()).last().isEqualTo("3 problems");
    }
  }

  private static Map<String, Object> admin(LocalKafka kafka) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  private static void createTopics(LocalKafka kafka, Collection<NewTopic> topics) throws Exception {
    try (Admin admin = Admin.create(admin(kafka))) {
      admin.createTopics(topics).all().get();
      // Created on the controller first: wait until the broker lists them, as the tool asks it.
      Poll.until(
          java.time.Duration.ofSeconds(30),
          () -> names(admin),
          names -> topics.stream().allMatch(topic -> names.contains(topic.name())));
    }
  }

  private static Set<String> names(Admin admin) {
    try {
      return admin.listTopics().names().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
