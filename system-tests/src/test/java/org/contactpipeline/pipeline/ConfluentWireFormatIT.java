package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The "done": with the registry switched on ({@code STACK_SCHEMA_REGISTRY=apicurio}), what
 * the pipeline writes is in Confluent's wire format under {@code <topic>-value}, and a reader that
 * knows nothing but the registry's URL ({@link ConfluentFormatReader}) decodes it; commands are
 * taken in either encoding.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConfluentWireFormatIT {

  @Test
  void shouldWriteAContactEstablishedOverHttpToTheChangelogInConfluentFraming() {
    LocalStack stack = RegistryStack.get();
    String key = "framed-" + UUID.randomUUID();
    long contactId = new Api(stack.httpUrl(), "demo-token").establishIds(List.of(key)).get(key);

    ConsumerRecord<byte[], byte[]> golden =
        changelogOf(stack, new ContactKey("demo", 0, key)).get(0);

    ConfluentFormatReader reader = new ConfluentFormatReader(RegistryStack.registryUrl());
    assertThat(ConfluentFormatReader.schemaId(golden.value()))
        .isEqualTo(reader.latestId("contact.changelog-value"));
    GenericRecord record = reader.read(golden.value());
    assertThat(record.getSchema().getFullName())
        .isEqualTo("org.contactpipeline.schemas.avro.ContactRecord");
    assertThat(record.get("contactId")).isEqualTo(contactId);
    GenericRecord recordKey = (GenericRecord) record.get("key");
    assertThat(recordKey.get("tenant")).hasToString("demo");
    assertThat(recordKey.get("contactKey")).hasToString(key);
    assertThat(record.get("status")).hasToString("ACTIVE");
  }

  @Test
  void shouldWriteEachResultInConfluentFramingUnderTheResultsSubject() {
    LocalStack stack = RegistryStack.get();
    String key = "framed-result-" + UUID.randomUUID();
    Api.Reply reply = new Api(stack.httpUrl(), "demo-token").establish(Api.jsonKeys(List.of(key)));
    assertThat(reply.status()).isEqualTo(200);
    String requestId = reply.body().get(0).get("requestServiceMessageID").asText();

    ConsumerRecord<String, byte[]> result = resultsOf(stack, requestId).get(0);

    ConfluentFormatReader reader = new ConfluentFormatReader(RegistryStack.registryUrl());
    assertThat(ConfluentFormatReader.schemaId(result.value()))
        .isEqualTo(reader.latestId("contact.results-value"));
    GenericRecord decoded = reader.read(result.value());
    assertThat(decoded.get("requestId")).hasToString(requestId);
    assertThat(decoded.get("outcome")).hasToString("RESOLVED");
    assertThat(decoded.get("contactId"))
        .isEqualTo(
            reply
                .body()
                .get(0)
                .get("items")
                .get(0)
                .get("value")
                .get("contactReference")
                .get("contactID")
                .asLong());
  }

  @Test
  void shouldResolveACommandFramedAsAConfluentSerializerFramesIt() throws Exception {
    LocalStack stack = RegistryStack.get();
    ConfluentFormatReader reader = new ConfluentFormatReader(RegistryStack.registryUrl());
    // What KafkaAvroSerializer does with a specific record: register its schema under the topic's
    // subject (auto.register.schemas), which answers the ID schema-init registered it under.
    int id = register(reader, "contact.commands-value", ContactCommand.getClassSchema().toString());
    assertThat(id).isEqualTo(reader.latestId("contact.commands-value"));
    ContactKey key = new ContactKey("demo", 0, "confluent-producer-" + UUID.randomUUID());
    String requestId = "confluent-" + UUID.randomUUID();
    ContactCommand command = PipelineTopics.command(requestId, key);

    publish(
        stack,
        Topics.CONTACT_KEY_SERDE.serialize(Topics.COMMANDS.name(), key),
        framed(id, command));

    GenericRecord result = reader.read(resultsOf(stack, requestId).get(0).value());
    assertThat(result.get("outcome")).hasToString("RESOLVED");
    assertThat((Long) result.get("contactId")).isPositive();
    assertThat(result.get("newContact")).isEqualTo(true);
  }

  @Test
  void shouldStillResolveACommandInSingleObjectEncoding() throws Exception {
    LocalStack stack = RegistryStack.get();
    ContactKey key = new ContactKey("demo", 0, "single-object-" + UUID.randomUUID());
    String requestId = "single-object-" + UUID.randomUUID();
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(stack.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(), key, PipelineTopics.command(requestId, key)))
          .get();
    }

    byte[] result = resultsOf(stack, requestId).get(0).value();

    assertThat(result[0]).as("results are framed whatever the command's encoding").isZero();
    assertThat(new ConfluentFormatReader(RegistryStack.registryUrl()).read(result).get("outcome"))
        .hasToString("RESOLVED");
  }

  @Test
  void shouldLeaveATombstoneUnderTheSameKeyBytesWhenAContactIsDeleted() {
    LocalStack stack = RegistryStack.get();
    String key = "framed-delete-" + UUID.randomUUID();
    Api api = new Api(stack.httpUrl(), "demo-token");
    api.establishIds(List.of(key));
    assertThat(api.deleteContacts("keys", List.of(key)).status()).isEqualTo(200);

    List<ConsumerRecord<byte[], byte[]>> history =
        PipelineTopics.readUntil(
            stack.bootstrapServers(),
            Topics.CHANGELOG.name(),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer(),
            record -> Arrays.equals(record.key(), keyBytes(new ContactKey("demo", 0, key))),
            read -> read.stream().anyMatch(record -> record.value() == null),
            Duration.ofSeconds(60));

    assertThat(history.get(0).value()[0]).isZero();
    assertThat(history.get(history.size() - 1).value()).isNull();
  }

  @Test
  void shouldDeadLetterARefusedCommandInConfluentFramingUnderTheDeadLettersSubject()
      throws Exception {
    LocalStack stack = RegistryStack.get();
    String requestId = "refused-" + UUID.randomUUID();
    ContactKey blank = new ContactKey("demo", 0, "");
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(stack.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(), blank, PipelineTopics.command(requestId, blank)))
          .get();
    }
    ConfluentFormatReader reader = new ConfluentFormatReader(RegistryStack.registryUrl());

    ConsumerRecord<byte[], byte[]> dead =
        PipelineTopics.readUntil(
                stack.bootstrapServers(),
                Topics.DEAD_LETTERS.name(),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                record ->
                    record.headers().lastHeader(DeadLetters.REASON_HEADER) != null
                        && reader
                            .read(record.value())
                            .get("requestId")
                            .toString()
                            .equals(requestId),
                read -> !read.isEmpty(),
                Duration.ofSeconds(60))
            .get(0);

    assertThat(ConfluentFormatReader.schemaId(dead.value()))
        .isEqualTo(reader.latestId("contact.dead-letters-value"));
    assertThat(
            new String(
                dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .contains("contactKey is empty");
  }

  @Test
  void shouldReportTheRegistrysIdsInIngestHealth() {
    Api.Reply health = new Api(RegistryStack.get().httpUrl(), "demo-token").get("/health/ready");

    assertThat(health.status()).isEqualTo(200);
    JsonNode registry = health.body().get("checks").get("schema-registry");
    assertThat(registry.get("ready").asBoolean()).isTrue();
    assertThat(registry.get("detail").asText())
        .contains("contact.changelog-value=")
        .contains("contact.commands-value=");
  }

  static byte[] keyBytes(ContactKey key) {
    return Topics.CONTACT_KEY_SERDE.serialize(Topics.CHANGELOG.name(), key);
  }

  private static List<ConsumerRecord<byte[], byte[]>> changelogOf(
      LocalStack stack, ContactKey key) {
    byte[] wanted = keyBytes(key);
    return PipelineTopics.readUntil(
        stack.bootstrapServers(),
        Topics.CHANGELOG.name(),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        record -> Arrays.equals(record.key(), wanted),
        read -> !read.isEmpty(),
        Duration.ofSeconds(60));
  }

  static List<ConsumerRecord<String, byte[]>> resultsOf(LocalStack stack, String requestId) {
    return PipelineTopics.readUntil(
        stack.bootstrapServers(),
        Topics.RESULTS.name(),
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        record -> requestId.equals(record.key()),
        read -> !read.isEmpty(),
        Duration.ofSeconds(60));
  }

  private static int register(ConfluentFormatReader reader, String subject, String schema)
      throws Exception {
    String body = Api.JSON.writeValueAsString(Map.of("schema", schema));
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            RegistryStack.registryUrl() + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Api.JSON.readTree(response.body()).get("id").asInt();
  }

  private static byte[] framed(int schemaId, ContactCommand command) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        new byte[] {
          0,
          (byte) (schemaId >>> 24),
          (byte) (schemaId >>> 16),
          (byte) (schemaId >>> 8),
          (byte) schemaId
        });
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<ContactCommand>(ContactCommand.class).write(command, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static void publish(LocalStack stack, byte[] key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), key, value)).get();
    }
  }
}
