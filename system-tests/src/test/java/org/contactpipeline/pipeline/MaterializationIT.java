package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.DeleteOperation;
import org.contactpipeline.store.JdbcContactStore;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant 4 and the direct-producer path: commands published with a plain KafkaProducer reach
 * PostgreSQL, and the table ends equal to the last golden record of every contact on the changelog.
 * The read side ({@link JdbcContactStore}) sees contacts' data, deletes and delete operations.
 */
@Timeout(180)
class MaterializationIT {

  private static final Commands COMMANDS = new Commands(java.time.Clock.systemUTC(), null);

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

    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(stack.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(), key, PipelineTopics.command(requestId, key)))
          .get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            Duration.ofSeconds(30),
            () -> table.rowsOf(tenant, 0),
            found -> found.containsKey("someone@example.com"));
    ContactResult result =
        PipelineTopics.readUntil(
                stack.bootstrapServers(),
                Topics.RESULTS,
                record -> record.key().equals(requestId),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30))
            .get(0)
            .value();
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

    // Everything on the changelog so far (this test's contacts and every earlier test's), last
    // record per key, read again on every poll: the answers come before the resolver's commit
    // (ingest reads results uncommitted), so this test's golden records may need a moment to be
    // committed. Against an external database that outlived earlier runs, rows of keys this broker
    // never saw are not this run's to judge; with the embedded database there are none.
    ContactsTable table = new ContactsTable(stack.services());
    Poll.until(
        Duration.ofSeconds(30),
        () -> {
          Map<List<Object>, ContactsTable.Row> expected = lastGoldenRecords(stack);
          return new Converged(expected, onlyKeysOf(table.allRows(), expected));
        },
        converged ->
            converged.expected().keySet().stream().map(id -> id.get(2)).toList().containsAll(keys)
                && converged.rows().equals(converged.expected()));
  }

  /** The changelog's last golden records and the table's rows of the same keys. */
  private record Converged(
      Map<List<Object>, ContactsTable.Row> expected, Map<List<Object>, ContactsTable.Row> rows) {}

  /** The last golden record of every key on the changelog, injected tenants' left out. */
  private static Map<List<Object>, ContactsTable.Row> lastGoldenRecords(LocalStack stack) {
    Map<List<Object>, ContactsTable.Row> expected = new HashMap<>();
    for (ConsumerRecord<ContactKey, ContactRecord> change :
        PipelineTopics.readToEnd(
            stack.bootstrapServers(), Topics.CHANGELOG, Duration.ofSeconds(30))) {
      ContactKey key = change.key();
      if (key.getTenant().startsWith(INJECTED)) {
        continue;
      }
      List<Object> id = List.of(key.getTenant(), key.getContactType(), key.getContactKey());
      if (change.value() == null) {
        expected.remove(id);
      } else {
        expected.put(
            id,
            new ContactsTable.Row(
                change.value().getContactId(),
                change.value().getStatus().name(),
                change.value().getVersion()));
      }
    }
    return expected;
  }

  private static Map<List<Object>, ContactsTable.Row> withoutInjected(
      Map<List<Object>, ContactsTable.Row> rows) {
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
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, 900_001L, 3)))
          .get();
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, 900_001L, 2)))
          .get();
      // A later, distinct contact in the same tenant marks how far the materializer has read.
      ContactKey marker = new ContactKey(tenant, 0, "marker");
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), marker, golden(marker, 900_002L, 1)))
          .get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            Duration.ofSeconds(30),
            () -> table.rowsOf(tenant, 0),
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
      changelog
          .send(
              new ProducerRecord<>(
                  Topics.CHANGELOG.name(), 0, refused, golden(refused, 900_003L, 1)))
          .get();
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), 0, fine, golden(fine, 900_004L, 1)))
          .get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Poll.until(
        Duration.ofSeconds(30), () -> table.rowsOf(tenant, 0), rows -> rows.containsKey("fine"));
    ConsumerRecord<byte[], byte[]> dead =
        PipelineTopics.readUntil(
                stack.bootstrapServers(),
                Topics.DEAD_LETTERS,
                record ->
                    record.key() != null
                        && record.headers().lastHeader(DeadLetters.REASON_HEADER) != null
                        && tenant.equals(
                            Topics.CHANGELOG
                                .keySerde()
                                .deserializer()
                                .deserialize("", record.key())
                                .getTenant()),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30))
            .get(0);
    assertThat(
            new String(
                dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .startsWith("PostgreSQL refused the record");
    assertThat(table.rowsOf(tenant, 0)).containsOnlyKeys("fine");
  }

  @Test
  void shouldMaterializeAContactsDataForTheReadSide() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = "data-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "ada@example.com");
    ContactData changes =
        ContactData.newBuilder()
            .setEmail("Ada@Example.com")
            .setFirstName("Ada")
            .setLastName("Lovelace")
            .setPhone("+441234")
            .setPhoneCountryCode("44")
            .setPhoneNumber("1234")
            .setUserId("u-ada")
            .setExternalId("x-ada")
            .setTags(List.of("analyst"))
            .build();
    String requestId = "data-" + UUID.randomUUID();

    send(stack, COMMANDS.single(requestId, ContactAddress.key(key), CommandAction.UPSERT, changes));

    JdbcContactStore store = readSide(stack);
    ContactQuery byEmail = ContactQuery.of(tenant).limit(10).email("ADA@EXAMPLE.COM").build();
    ContactRecord found =
        Poll.until(Duration.ofSeconds(30), () -> store.find(byEmail), page -> page.total() == 1)
            .contacts()
            .get(0);
    assertThat(found.getKey()).isEqualTo(key);
    assertThat(found.getData().getTags()).containsExactly("analyst");
    assertThat(store.byId(tenant, found.getContactId())).contains(found);
    assertThat(
            List.of(
                ContactQuery.of(tenant).limit(10).firstName("Ada").lastName("Lovelace").build(),
                ContactQuery.of(tenant)
                    .limit(10)
                    .phone("+441234")
                    .phoneCountryCode("44")
                    .phoneNumber("1234")
                    .build(),
                ContactQuery.of(tenant).limit(10).userId("u-ada").build(),
                ContactQuery.of(tenant).limit(10).externalId("x-ada").build()))
        .allSatisfy(query -> assertThat(store.find(query).contacts()).containsExactly(found));
    assertThat(dataField(stack, key, "lastName")).isEqualTo("Lovelace");
    assertThat(store.deleteOperation(tenant, requestId))
        .as("only deletes are operations")
        .isEmpty();
  }

  @Test
  void shouldRemoveADeletedContactAndGiveItsKeyANewIdWhenItIsEstablishedAgain() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = "delete-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "phoenix");
    JdbcContactStore store = readSide(stack);

    send(
        stack,
        COMMANDS.single(
            "first-" + UUID.randomUUID(), ContactAddress.key(key), CommandAction.ESTABLISH, null));
    long firstId =
        Poll.until(Duration.ofSeconds(30), () -> store.byKey(key), Optional::isPresent)
            .get()
            .getContactId();

    String operationId = operationId();
    send(stack, COMMANDS.single(operationId, ContactAddress.key(key), CommandAction.DELETE, null));
    Poll.until(Duration.ofSeconds(30), () -> store.byKey(key), Optional::isEmpty);
    assertThat(store.byId(tenant, firstId)).isEmpty();
    DeleteOperation operation =
        Poll.until(
                Duration.ofSeconds(30),
                () -> store.deleteOperation(tenant, operationId),
                Optional::isPresent)
            .get();
    assertThat(operation.isComplete()).isTrue();
    assertThat(operation.items())
        .containsExactly(new DeleteOperation.Item(0, "phoenix", firstId, true));

    send(
        stack,
        COMMANDS.single(
            "again-" + UUID.randomUUID(), ContactAddress.key(key), CommandAction.ESTABLISH, null));
    ContactRecord reborn =
        Poll.until(Duration.ofSeconds(30), () -> store.byKey(key), Optional::isPresent).get();
    assertThat(reborn.getContactId()).isGreaterThan(firstId);
    assertThat(reborn.getVersion()).isEqualTo(1L);
    assertThat(store.byId(tenant, firstId)).isEmpty();
  }

  @Test
  void shouldRecordEveryItemOfADeleteOperationWhateverItsOutcome() throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = "operation-" + UUID.randomUUID();
    String otherTenant = "operation-other-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "doomed");
    ContactKey othersKey = new ContactKey(otherTenant, 0, "bystander");
    JdbcContactStore store = readSide(stack);
    send(
        stack,
        COMMANDS.single(
            "setup-" + UUID.randomUUID(), ContactAddress.key(key), CommandAction.ESTABLISH, null));
    send(
        stack,
        COMMANDS.single(
            "setup-" + UUID.randomUUID(),
            ContactAddress.key(othersKey),
            CommandAction.ESTABLISH,
            null));
    long id =
        Poll.until(Duration.ofSeconds(30), () -> store.byKey(key), Optional::isPresent)
            .get()
            .getContactId();
    long othersId =
        Poll.until(Duration.ofSeconds(30), () -> store.byKey(othersKey), Optional::isPresent)
            .get()
            .getContactId();

    String operationId = operationId();
    send(
        stack,
        COMMANDS
            .request(operationId, 3)
            .item(0, ContactAddress.key(key), CommandAction.DELETE, null));
    send(
        stack,
        COMMANDS
            .request(operationId, 3)
            .item(
                1,
                ContactAddress.key(new ContactKey(tenant, 0, "never-was")),
                CommandAction.DELETE,
                null));
    // Another tenant's ID: not found, and that contact stays.
    send(
        stack,
        COMMANDS
            .request(operationId, 3)
            .item(2, ContactAddress.id(tenant, othersId), CommandAction.DELETE, null));

    DeleteOperation operation =
        Poll.until(
                Duration.ofSeconds(30),
                () -> store.deleteOperation(tenant, operationId),
                found -> found.map(DeleteOperation::isComplete).orElse(false))
            .get();
    assertThat(operation.itemCount()).isEqualTo(3);
    assertThat(operation.items())
        .containsExactly(
            new DeleteOperation.Item(0, "doomed", id, true),
            new DeleteOperation.Item(1, null, 0, false),
            new DeleteOperation.Item(2, null, othersId, false));
    assertThat(store.deleteOperation(otherTenant, operationId)).isEmpty();
    assertThat(store.byId(otherTenant, othersId)).isPresent();
  }

  @Test
  void shouldReplaceAKeysOldContactWithItsNewOneAndNeverGoBackWhenCompactionRemovedTheTombstone()
      throws Exception {
    LocalStack stack = TestStack.get();
    String tenant = INJECTED + "recreated-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "k");
    long oldId = injectedId();
    long newId = oldId + 12;
    try (KafkaProducer<ContactKey, ContactRecord> changelog = changelogProducer(stack)) {
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, oldId, 3)))
          .get();
      // What a materializer catching up reads once compaction dropped the tombstone between the two
      // contacts.
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, newId, 1)))
          .get();
      // A replay of the old contact, at a version above the new one's.
      changelog
          .send(new ProducerRecord<>(Topics.CHANGELOG.name(), key, golden(key, oldId, 4)))
          .get();
      ContactKey marker = new ContactKey(tenant, 0, "marker");
      changelog
          .send(
              new ProducerRecord<>(Topics.CHANGELOG.name(), marker, golden(marker, newId + 12, 1)))
          .get();
    }

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            Duration.ofSeconds(30),
            () -> table.rowsOf(tenant, 0),
            found -> found.containsKey("marker"));
    assertThat(rows.get("k")).isEqualTo(new ContactsTable.Row(newId, "ACTIVE", 1L));
  }

  private static void send(LocalStack stack, ContactCommand command) throws Exception {
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(stack.bootstrapServers())) {
      if (command.getContactId() == null) {
        producer
            .send(new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command))
            .get();
      } else {
        // Addressed by ID: to the partition that owns the ID.
        int partitions = producer.partitionsFor(Topics.COMMANDS.name()).size();
        producer
            .send(
                new ProducerRecord<>(
                    Topics.COMMANDS.name(),
                    ContactIds.ownerPartition(command.getContactId(), partitions),
                    command.getKey(),
                    command))
            .get();
      }
    }
  }

  private static JdbcContactStore readSide(LocalStack stack) {
    return new JdbcContactStore(DatabaseConfig.from(stack.services()).dataSource());
  }

  /** A delete request id as Marketing Cloud's operationID: a positive decimal long. */
  private static String operationId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }

  /** An ID far above any the resolver issues in a test run, different on every run. */
  private static long injectedId() {
    return 1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 100;
  }

  /** One field of a row's JSON copy of its data, read as an operator would with SQL. */
  private static String dataField(LocalStack stack, ContactKey key, String field)
      throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                stack.services().string("database.url"),
                stack.services().string("database.user"),
                stack.services().string("database.password", ""));
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT data ->> ? FROM contacts"
                    + " WHERE tenant = ? AND contact_type = ? AND contact_key = ?")) {
      query.setString(1, field);
      query.setString(2, key.getTenant());
      query.setInt(3, key.getContactType());
      query.setString(4, key.getContactKey());
      try (ResultSet result = query.executeQuery()) {
        assertThat(result.next()).as("a row for %s", key).isTrue();
        return result.getString(1);
      }
    }
  }

  /**
   * A producer writing golden records straight to the changelog, standing in for a replay or a
   * rogue writer.
   */
  private static KafkaProducer<ContactKey, ContactRecord> changelogProducer(LocalStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        Topics.CHANGELOG.keySerde().serializer(),
        Topics.CHANGELOG.valueSerde().serializer());
  }

  private static ContactRecord golden(ContactKey key, long contactId, long version) {
    Instant at = Instant.now();
    return new ContactRecord(key, contactId, ContactStatus.ACTIVE, version, at, at, null);
  }

  private static Map<List<Object>, ContactsTable.Row> onlyKeysOf(
      Map<List<Object>, ContactsTable.Row> rows, Map<List<Object>, ContactsTable.Row> expected) {
    Map<List<Object>, ContactsTable.Row> selected = withoutInjected(rows);
    if (System.getenv("DATABASE_URL") != null) {
      selected.keySet().retainAll(expected.keySet());
    }
    return selected;
  }
}
