package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4 and the direct-producer path: commands published with a plain KafkaProducer reach
 * PostgreSQL, and the table ends equal to the last golden record of every contact on the changelog.
 */
class MaterializationIT {

  /**
   * Tenants of records this class writes straight to the changelog out of order or unwritable, on
   * purpose; the resolver never does, so the convergence check leaves them out.
   */
  private static final String INJECTED = "injected-";

  @Test
  void shouldMaterializeACommandPublishedWithAPlainKafkaProducer() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = "direct-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "someone@example.com");
    String requestId = "direct-" + UUID.randomUUID();

    try (KafkaProducer<ContactKey, ContactCommand> producer = PipelineTopics.commandProducer(stack.bootstrapServers())) {
      producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), key, PipelineTopics.command(requestId, key))).get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows = Poll.until(Duration.ofSeconds(30), () -> table.rowsOf(tenant, 0),
        found -> found.containsKey("someone@example.com"));
    ContactResult result = PipelineTopics.readUntil(stack.bootstrapServers(), Topics.RESULTS,
        record -> record.key().equals(requestId), read -> !read.isEmpty(), Duration.ofSeconds(30)).get(0).value();
    assertThat(rows.get("someone@example.com").contactId()).isEqualTo(result.getContactId());
    assertThat(rows.get("someone@example.com").status()).isEqualTo("ACTIVE");
    assertThat(result.getNewContact()).isTrue();
  }

  @Test
  void shouldEndWithTheTableEqualToTheLastGoldenRecordOfEveryContact() {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "acme-token");
    List<String> keys = EstablishIT.keys("converge", 30);
    api.establishIds(keys);
    api.establishIds(keys.subList(0, 10));

    // Everything on the changelog so far (this test's contacts and every earlier test's), last record per key.
    Map<List<Object>, ContactsTable.Row> expected = new HashMap<>();
    for (ConsumerRecord<ContactKey, ContactRecord> change
        : PipelineTopics.readToEnd(stack.bootstrapServers(), Topics.CHANGELOG, Duration.ofSeconds(30))) {
      ContactKey key = change.key();
      if (key.getTenant().startsWith(INJECTED)) {
        continue;
      }
      List<Object> id = List.of(key.getTenant(), key.getContactType(), key.getContactKey());
      if (change.value() == null) {
        expected.remove(id);
      } else {
        expected.put(id, new ContactsTable.Row(change.value().getContactId(), change.value().getStatus().name(),
            change.value().getVersion()));
      }
    }
    assertThat(expected.keySet()).extracting(id -> id.get(2)).containsAll(keys);

    // Against an external database that outlived earlier runs, rows of keys this broker never saw
    // are not this run's to judge; with the embedded database there are none.
    ContactsTable table = new ContactsTable(stack.services());
    Poll.until(Duration.ofSeconds(30), () -> onlyKeysOf(table.allRows(), expected), rows -> rows.equals(expected));
  }

  private static Map<List<Object>, ContactsTable.Row> withoutInjected(Map<List<Object>, ContactsTable.Row> rows) {
    Map<List<Object>, ContactsTable.Row> selected = new HashMap<>(rows);
    selected.keySet().removeIf(id -> ((String) id.get(0)).startsWith(INJECTED));
    return selected;
  }

  @Test
  void shouldNeverMoveARowBackToAnOlderVersionWhenTheChangelogIsReplayed() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = INJECTED + "replay-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "k");
    try (KafkaProducer<ContactKey, ContactRecord> changelog = changelogProducer(stack)) {
      changelog.send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, 900_001L, 3))).get();
      changelog.send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, 900_001L, 2))).get();
      // A later, distinct contact in the same tenant marks how far the materializer has read.
      ContactKey marker = new ContactKey(tenant, 0, "marker");
      changelog.send(new ProducerRecord<>(Topics.CHANGELOG.name(), marker, golden(marker, 900_002L, 1))).get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows = Poll.until(Duration.ofSeconds(30), () -> table.rowsOf(tenant, 0),
        found -> found.containsKey("marker") && found.containsKey("k"));
    assertThat(rows.get("k").version()).isEqualTo(3L);
  }

  @Test
  void shouldDeadLetterAGoldenRecordPostgresRefusesAndStillWriteTheRest() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = INJECTED + "refused-" + UUID.randomUUID();
    ContactKey refused = new ContactKey(tenant, 0, "nul\u0000byte");
    ContactKey fine = new ContactKey(tenant, 0, "fine");
    try (KafkaProducer<ContactKey, ContactRecord> changelog = changelogProducer(stack)) {
      changelog.send(new ProducerRecord<>(Topics.CHANGELOG.name(), 0, refused, golden(refused, 900_003L, 1))).get();
      changelog.send(new ProducerRecord<>(Topics.CHANGELOG.name(), 0, fine, golden(fine, 900_004L, 1))).get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Poll.until(Duration.ofSeconds(30), () -> table.rowsOf(tenant, 0), rows -> rows.containsKey("fine"));
    ConsumerRecord<byte[], byte[]> dead = PipelineTopics.readUntil(stack.bootstrapServers(), Topics.DEAD_LETTERS,
        record -> record.key() != null && record.headers().lastHeader(DeadLetters.REASON_HEADER) != null
            && tenant.equals(Topics.CHANGELOG.keySerde().deserializer().deserialize("", record.key()).getTenant()),
        read -> !read.isEmpty(), Duration.ofSeconds(30)).get(0);
    assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .startsWith("PostgreSQL refused the record");
    assertThat(table.rowsOf(tenant, 0)).containsOnlyKeys("fine");
  }

  /** A producer writing golden records straight to the changelog, standing in for a replay or a rogue writer. */
  private static KafkaProducer<ContactKey, ContactRecord> changelogProducer(LocalStack stack) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), Topics.CHANGELOG.keySerde().serializer(),
        Topics.CHANGELOG.valueSerde().serializer());
  }

  private static ContactRecord golden(ContactKey key, long contactId, long version) {
    Instant at = Instant.now();
    return new ContactRecord(key, contactId, ContactStatus.ACTIVE, version, at, at, null);
  }

  private static Map<List<Object>, ContactsTable.Row> onlyKeysOf(Map<List<Object>, ContactsTable.Row> rows,
      Map<List<Object>, ContactsTable.Row> expected) {
    Map<List<Object>, ContactsTable.Row> selected = withoutInjected(rows);
    if (System.getenv("DATABASE_URL") != null) {
      selected.keySet().retainAll(expected.keySet());
    }
    return selected;
  }
}
