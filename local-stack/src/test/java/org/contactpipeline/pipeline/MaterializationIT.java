package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4 and the direct-producer path: commands published with a plain KafkaProducer reach
 * PostgreSQL, and the table ends equal to the last golden record of every contact on the changelog.
 */
class MaterializationIT {

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

    Map<ContactKey, ContactRecord> golden = lastGoldenRecords(stack, keys);
    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> expected = new HashMap<>();
    golden.forEach((key, record) -> expected.put(key.getContactKey(),
        new ContactsTable.Row(record.getContactId(), record.getStatus().name(), record.getVersion())));

    Poll.until(Duration.ofSeconds(30), () -> onlyKeys(table.rowsOf("acme", 0), keys), rows -> rows.equals(expected));
  }

  private static Map<ContactKey, ContactRecord> lastGoldenRecords(LocalStack stack, List<String> keys) {
    List<ConsumerRecord<ContactKey, ContactRecord>> changes = PipelineTopics.readUntil(stack.bootstrapServers(),
        Topics.CHANGELOG, record -> record.key().getTenant().equals("acme") && keys.contains(record.key().getContactKey()),
        read -> read.stream().map(ConsumerRecord::key).distinct().count() == keys.size(), Duration.ofSeconds(30));
    Map<ContactKey, ContactRecord> last = new HashMap<>();
    changes.forEach(change -> last.put(change.key(), change.value()));
    return last;
  }

  private static Map<String, ContactsTable.Row> onlyKeys(Map<String, ContactsTable.Row> rows, List<String> keys) {
    Map<String, ContactsTable.Row> selected = new HashMap<>(rows);
    selected.keySet().retainAll(keys);
    return selected;
  }
}
