package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Records written by every released version stay readable by the current classes. */
class SchemaEvolutionTest {

  /**
   * Every released version of a schema still in use. A schema nothing reads any more stays in the
   * index as history: ContactIdentity, the resolver's store value until its golden-record store
   * took the golden record itself.
   */
  static List<Schema> releasedVersions() {
    List<String> inUse =
        ReleasedSchemasTest.currentSchemas().stream().map(Schema::getFullName).toList();
    return ReleasedSchemas.all().stream()
        .filter(released -> inUse.contains(released.getFullName()))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("releasedVersions")
  void shouldLetTheCurrentSchemaReadEveryReleasedVersionOfIt(Schema released) {
    Schema current =
        ReleasedSchemasTest.currentSchemas().stream()
            .filter(schema -> schema.getFullName().equals(released.getFullName()))
            .findFirst()
            .orElseThrow();

    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released);

    assertThat(compatibility.getType())
        .as(
            "%s cannot read a released version: %s",
            current.getFullName(), compatibility.getResult())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadAVersionOneCommandAsAnEstablishByKeyWithoutChanges() throws IOException {
    Schema v1 = version("ContactCommand", 0);
    GenericRecord written =
        new GenericRecordBuilder(v1)
            .set("requestId", "req-1")
            .set("itemIndex", 0)
            .set("itemCount", 1)
            .set("key", key(v1.getField("key").schema()))
            .set("action", new GenericData.EnumSymbol(v1.getField("action").schema(), "ESTABLISH"))
            .set("replyTo", null)
            .set("issuedAt", 1_700_000_000_000L)
            .build();

    ContactCommand read =
        Topics.COMMANDS.valueSerde().deserializer().deserialize("t", encode(v1, written));

    assertThat(read.getAction()).isEqualTo(CommandAction.ESTABLISH);
    assertThat(read.getKey()).isEqualTo(new ContactKey("demo", 0, "Key1"));
    assertThat(read.getContactId()).isNull();
    assertThat(read.getChanges()).isNull();
    assertThat(read.getClearExternalUrls()).isFalse();
  }

  @Test
  void shouldReadAVersionOneResultAsResolvedWithItsStatus() throws IOException {
    Schema v1 = version("ContactResult", 0);
    GenericRecord written =
        new GenericRecordBuilder(v1)
            .set("requestId", "req-1")
            .set("itemIndex", 0)
            .set("itemCount", 1)
            .set("replyTo", "ingest-1")
            .set("key", key(v1.getField("key").schema()))
            .set("contactId", 37L)
            .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "ACTIVE"))
            .set("newContact", true)
            .set("resolvedAt", 1_700_000_000_000L)
            .build();

    ContactResult read =
        Topics.RESULTS.valueSerde().deserializer().deserialize("t", encode(v1, written));

    assertThat(read.getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(read.getStatus()).isEqualTo(ContactStatus.ACTIVE);
    assertThat(read.getContactId()).isEqualTo(37L);
    assertThat(read.getAction()).isNull();
    assertThat(read.getData()).isNull();
  }

  @Test
  void shouldReadAVersionOneGoldenRecordWithoutData() throws IOException {
    Schema v1 = version("ContactRecord", 0);
    GenericRecord written =
        new GenericRecordBuilder(v1)
            .set("key", key(v1.getField("key").schema()))
            .set("contactId", 37L)
            .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "ACTIVE"))
            .set("version", 1L)
            .set("createdAt", 1_700_000_000_000L)
            .set("updatedAt", 1_700_000_000_000L)
            .build();

    ContactRecord read =
        Topics.CHANGELOG.valueSerde().deserializer().deserialize("t", encode(v1, written));

    assertThat(read.getContactId()).isEqualTo(37L);
    assertThat(read.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(read.getData()).isNull();
  }

  private static Schema version(String name, int index) {
    return ReleasedSchemas.all().stream()
        .filter(schema -> schema.getName().equals(name))
        .toList()
        .get(index);
  }

  private static GenericRecord key(Schema keySchema) {
    return new GenericRecordBuilder(keySchema)
        .set("tenant", "demo")
        .set("contactType", 0)
        .set("contactKey", "Key1")
        .build();
  }

  private static byte[] encode(Schema writer, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record, out);
    return out.toByteArray();
  }
}
