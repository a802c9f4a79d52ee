package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade from the state layout before the golden-record store: a resolver whose identity
 * store, ID index and sequence floor each had a changelog topic. The fixture is that resolver's own
 * work (the broker's log directory and the resolver's state directory after 300 keys were
 * established, 30 deleted and 10 of those established again, written by the resolver of commit
 * c9e5a44); this resolver starts on it as an upgraded deployment would, and must lose no ID: every
 * live key keeps its ID, by key and by ID, and nothing issued before (deleted IDs included) is
 * issued again.
 */
@Timeout(240)
class UpgradeFromChangeLoggedStoresIT {

  private static final String FIXTURE = "/upgrade/state-before-golden-record-store.zip";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dataDir;

  private static ResolverOnBroker broker;
  private static Map<String, Long> liveBefore;
  private static Set<Long> retiredBefore;

  @BeforeAll
  static void startOnTheEarlierLayout() throws IOException {
    unzipFixture(dataDir);
    Properties expected = new Properties();
    expected.load(new StringReader(Files.readString(dataDir.resolve("expected-ids.properties"))));
    liveBefore = new TreeMap<>();
    retiredBefore = new HashSet<>();
    for (String name : expected.stringPropertyNames()) {
      if (name.startsWith("live.")) {
        liveBefore.put(
            name.substring("live.".length()), Long.parseLong(expected.getProperty(name)));
      } else {
        retiredBefore.add(Long.parseLong(name.substring("retired.".length())));
      }
    }
    broker = ResolverOnBroker.start(dataDir);
    broker.startResolver();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldKeepEveryIdAndIssueNoneTwiceAfterTheUpgrade() {
    assertThat(liveBefore).hasSize(280);
    assertThat(retiredBefore).hasSize(30);
    List<ContactKey> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      keys.add(key("legacy-" + i));
    }
    for (int i = 0; i < 50; i++) {
      keys.add(key("new-" + i));
    }

    Map<String, Long> after = broker.establishIds("after-upgrade", keys, TIMEOUT);

    Set<Long> issuedBefore = new HashSet<>(liveBefore.values());
    issuedBefore.addAll(retiredBefore);
    Set<Long> newIds = new HashSet<>();
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      Long before = liveBefore.get(entry.getKey());
      if (before != null) {
        assertThat(entry.getValue()).as("ID of %s", entry.getKey()).isEqualTo(before);
      } else {
        assertThat(entry.getValue())
            .as("new ID of %s, never issued before", entry.getKey())
            .isNotIn(issuedBefore);
        newIds.add(entry.getValue());
      }
    }
    assertThat(newIds).as("one new ID per new or deleted key").hasSize(50 + 20);
  }

  @Test
  void shouldStillFindTheContactsOfTheEarlierLayoutByTheirIds() {
    Map<String, Long> sample = new TreeMap<>();
    liveBefore.entrySet().stream()
        .limit(24)
        .forEach(entry -> sample.put(entry.getKey(), entry.getValue()));
    int partitions = broker.settings().positiveInteger("commands.partitions");
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(broker.bootstrapServers())) {
      for (Map.Entry<String, Long> contact : sample.entrySet()) {
        long id = contact.getValue();
        ContactCommand update =
            ContactCommand.newBuilder(PipelineTopics.command("by-id-" + contact.getKey(), key("")))
                .setAction(CommandAction.UPDATE)
                .setContactId(id)
                .setChanges(ContactData.newBuilder().setFirstName("Upgraded").build())
                .build();
        producer.send(
            new ProducerRecord<>(
                Topics.COMMANDS.name(),
                ContactIds.ownerPartition(id, partitions),
                update.getKey(),
                update));
      }
    }

    List<ConsumerRecord<String, ContactResult>> answers =
        broker.readResults(
            record -> record.key().startsWith("by-id-"),
            read -> read.size() >= sample.size(),
            TIMEOUT);

    assertThat(answers).hasSize(sample.size());
    for (ConsumerRecord<String, ContactResult> answer : answers) {
      String contactKey = answer.key().substring("by-id-".length());
      assertThat(answer.value().getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
      assertThat(answer.value().getKey().getContactKey()).isEqualTo(contactKey);
      assertThat(answer.value().getContactId()).isEqualTo(sample.get(contactKey));
    }
    List<ConsumerRecord<ContactKey, ContactRecord>> golden =
        PipelineTopics.readUntil(
            broker.bootstrapServers(),
            Topics.CHANGELOG,
            record ->
                record.value() != null
                    && record.value().getData() != null
                    && "Upgraded".equals(record.value().getData().getFirstName()),
            read -> read.size() >= sample.size(),
            TIMEOUT);
    assertThat(golden).hasSize(sample.size());
  }

  private static ContactKey key(String contactKey) {
    return new ContactKey(ResolverOnBroker.TENANT, 0, contactKey);
  }

  private static void unzipFixture(Path target) throws IOException {
    try (InputStream in = UpgradeFromChangeLoggedStoresIT.class.getResourceAsStream(FIXTURE);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path file = target.resolve(entry.getName()).normalize();
        if (!file.startsWith(target)) {
          throw new IOException("fixture entry outside its directory: " + entry.getName());
        }
        Files.createDirectories(file.getParent());
        Files.copy(entries, file);
      }
    }
  }
}
