package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.resolver.ResolverService;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.registry.BackwardTransitive;
import org.contactpipeline.schemas.registry.SchemaInit;
import org.contactpipeline.schemas.registry.SchemaRegistryClient;
import org.contactpipeline.schemas.registry.SchemaRegistryException;
import org.contactpipeline.schemas.registry.Subject;
import org.contactpipeline.schemas.registry.Subjects;
import org.contactpipeline.stack.LocalSchemaRegistry;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * schema-init, evolution and durability on a real Apicurio Registry (the stack's, on its
 * PostgreSQL): every released version registered in order at BACKWARD_TRANSITIVE, the registry
 * deciding a new version exactly as the build's check does, and every ID kept across a restart.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SchemaRegistryIT {

  @Test
  void shouldRegisterEveryReleasedVersionInOrderAndGiveTheSameIdsWhenRunAgain() {
    SchemaRegistryClient registry = SchemaRegistryClient.at(RegistryStack.registryUrl());

    Map<Subject, List<Integer>> first = SchemaInit.run(registry);
    Map<Subject, List<Integer>> again = SchemaInit.run(registry);

    assertThat(again).isEqualTo(first);
    for (Subject subject : Subjects.ALL) {
      List<Schema> released = subject.releasedVersions();
      assertThat(registry.versions(subject.name())).hasSize(released.size());
      for (int version = 1; version <= released.size(); version++) {
        int id = registry.idOfVersion(subject.name(), version);
        assertThat(id).isEqualTo(first.get(subject).get(version - 1));
        assertThat(SchemaRegistryClient.at(RegistryStack.registryUrl()).schema(id))
            .isEqualTo(released.get(version - 1));
      }
      assertThat(registry.compatibility(subject.name())).hasValue(Subjects.COMPATIBILITY);
    }
  }

  @Test
  void shouldDecideANewVersionAsTheBuildCheckDecidesIt() {
    SchemaRegistryClient registry = SchemaRegistryClient.at(RegistryStack.registryUrl());
    String subject = "it-evolution-" + UUID.randomUUID() + "-value";
    Schema current = ContactRecord.getClassSchema();
    int first = registry.register(subject, current);
    registry.setCompatibility(subject, Subjects.COMPATIBILITY);
    Schema withOptionalField =
        withField(
            current,
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            true);
    Schema withRequiredField = withField(current, Schema.create(Schema.Type.STRING), false);

    assertThat(BackwardTransitive.problems(List.of(current, withOptionalField))).isEmpty();
    assertThat(registry.isCompatible(subject, withOptionalField)).isTrue();
    int evolved = registry.register(subject, withOptionalField);
    assertThat(evolved).isNotEqualTo(first);

    assertThat(BackwardTransitive.problems(List.of(current, withOptionalField, withRequiredField)))
        .isNotEmpty();
    assertThat(registry.isCompatible(subject, withRequiredField)).isFalse();
    assertThatThrownBy(() -> registry.register(subject, withRequiredField))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            refused -> assertThat(refused.isIncompatible()).isTrue());
    assertThat(registry.versions(subject)).hasSize(2);
  }

  @Test
  void shouldKeepEveryIdAcrossARestartOfTheRegistry() {
    LocalStack stack = RegistryStack.get();
    String before = "before-restart-" + UUID.randomUUID();
    new Api(stack.httpUrl(), "demo-token").establishIds(List.of(before));
    SchemaRegistryClient registry = SchemaRegistryClient.at(RegistryStack.registryUrl());
    Map<String, List<Integer>> idsBefore = idsOfEverySubject(registry);
    Map<Integer, Schema> schemasBefore = new LinkedHashMap<>();
    idsBefore
        .values()
        .forEach(ids -> ids.forEach(id -> schemasBefore.put(id, registry.schema(id))));

    stack.schemaRegistry().orElseThrow().restart();

    SchemaRegistryClient fresh = SchemaRegistryClient.at(RegistryStack.registryUrl());
    assertThat(idsOfEverySubject(fresh)).isEqualTo(idsBefore);
    schemasBefore.forEach(
        (id, schema) -> assertThat(fresh.schema(id)).as("schema %d", id).isEqualTo(schema));
    for (Subject subject : Subjects.ALL) {
      assertThat(fresh.lookup(subject.name(), subject.writerSchema()))
          .hasValue(idsBefore.get(subject.name()).get(idsBefore.get(subject.name()).size() - 1));
    }
    // A record framed before the restart still decodes by its ID, and the pipeline goes on framing
    // with it.
    ConfluentFormatReader reader = new ConfluentFormatReader(RegistryStack.registryUrl());
    String after = "after-restart-" + UUID.randomUUID();
    new Api(stack.httpUrl(), "demo-token").establishIds(List.of(after));
    List<ConsumerRecord<byte[], byte[]>> golden =
        PipelineTopics.readUntil(
            stack.bootstrapServers(),
            "contact.changelog",
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            record ->
                java.util.Arrays.equals(
                        record.key(),
                        ConfluentWireFormatIT.keyBytes(
                            new org.contactpipeline.schemas.avro.ContactKey("demo", 0, before)))
                    || java.util.Arrays.equals(
                        record.key(),
                        ConfluentWireFormatIT.keyBytes(
                            new org.contactpipeline.schemas.avro.ContactKey("demo", 0, after))),
            read -> read.size() >= 2,
            Duration.ofSeconds(60));
    assertThat(golden)
        .extracting(record -> ConfluentFormatReader.schemaId(record.value()))
        .containsOnly(
            idsBefore
                .get("contact.changelog-value")
                .get(idsBefore.get("contact.changelog-value").size() - 1));
    assertThat(golden)
        .extracting(record -> reader.read(record.value()).get("key").toString())
        .anyMatch(text -> text.contains(before))
        .anyMatch(text -> text.contains(after));
  }

  @Test
  void shouldReportAServiceNotReadyUntilSchemaInitHasRun() throws Exception {
    LocalStack stack = RegistryStack.get();
    Path dir = Files.createTempDirectory("empty-registry");
    try (LocalSchemaRegistry empty =
        LocalSchemaRegistry.start(
            LocalSchemaRegistry.findRunnerJar(""),
            dir,
            stack.services().string("database.url"),
            "registry_" + UUID.randomUUID().toString().replace("-", ""),
            stack.services().string("database.user"),
            stack.services().string("database.password"),
            0)) {
      ResolverService resolver =
          new ResolverService(
              ResolverConfig.from(
                  Settings.layer(
                      ResolverConfig.DEFAULTS,
                      Map.of(
                          "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                          "RESOLVER_APPLICATION_ID", "not-ready-" + UUID.randomUUID(),
                          "RESOLVER_STATE_DIR", dir.resolve("state").toString(),
                          "SCHEMA_REGISTRY_URL", empty.url()))));
      Thread starting = new Thread(resolver::start, "resolver-waiting-for-schemas");
      starting.start();
      try {
        HealthStatus waiting =
            Poll.until(
                Duration.ofSeconds(30),
                () -> resolver.schemaRegistryCheck().check(),
                status -> !status.ready() && status.detail().contains("run schema-init"));
        assertThat(waiting.detail())
            .contains("contact.commands-value lacks this release's ContactCommand");
        assertThat(resolver.healthCheck().check().ready()).isFalse();
        assertThat(starting.isAlive()).as("start waits for the schemas").isTrue();
      } finally {
        // Closing gives up the wait: this resolver must not process the stack's commands.
        resolver.close();
        starting.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertThat(starting.isAlive()).isFalse();
      assertThat(resolver.state()).hasToString("CREATED");

      SchemaInit.run(SchemaRegistryClient.at(empty.url()));

      HealthStatus ready = resolver.schemaRegistryCheck().check();
      assertThat(ready.ready()).as(ready.detail()).isTrue();
      assertThat(ready.detail()).contains("contact.results-value=");
    }
  }

  private static Map<String, List<Integer>> idsOfEverySubject(SchemaRegistryClient registry) {
    Map<String, List<Integer>> ids = new LinkedHashMap<>();
    for (Subject subject : Subjects.ALL) {
      ids.put(
          subject.name(),
          registry.versions(subject.name()).stream()
              .map(version -> registry.idOfVersion(subject.name(), version))
              .toList());
    }
    return ids;
  }

  private static Schema withField(Schema record, Schema type, boolean optional) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    record.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    fields.add(
        optional
            ? new Schema.Field("itNote", type, "added by a test", Schema.Field.NULL_DEFAULT_VALUE)
            : new Schema.Field("itNote", type, "added by a test"));
    return Schema.createRecord(
        record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }
}
