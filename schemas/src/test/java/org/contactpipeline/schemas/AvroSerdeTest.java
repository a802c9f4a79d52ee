package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final String TOPIC = Topics.COMMANDS.name();

  private static ContactCommand command() {
    return ContactCommand.newBuilder()
        .setRequestId("req-1")
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(new ContactKey("demo", 0, "Key1"))
        .setAction(CommandAction.ESTABLISH)
        .setReplyTo(null)
        .setIssuedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  @Test
  void shouldRoundTripACommand() {
    byte[] bytes = Topics.COMMANDS.valueSerde().serializer().serialize(TOPIC, command());

    assertThat(Topics.COMMANDS.valueSerde().deserializer().deserialize(TOPIC, bytes))
        .isEqualTo(command());
  }

  @Test
  void shouldWriteSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = Topics.COMMANDS.valueSerde().serializer().serialize(TOPIC, command());

    assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
    long fingerprint =
        org.apache.avro.SchemaNormalization.parsingFingerprint64(ContactCommand.getClassSchema());
    long written =
        java.nio.ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(written).isEqualTo(fingerprint);
  }

  @Test
  void shouldPassTombstonesThrough() {
    assertThat(Topics.CHANGELOG.valueSerde().serializer().serialize(TOPIC, null)).isNull();
    assertThat(Topics.CHANGELOG.valueSerde().deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void shouldRejectBytesThatAreNotSingleObjectEncodedAsSerializationErrors() {
    byte[] garbage = "{\"contactKey\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> Topics.COMMANDS.valueSerde().deserializer().deserialize(TOPIC, garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ContactCommand");
  }

  @Test
  void shouldRejectAWriterSchemaThatWasNeverReleased() {
    org.apache.avro.Schema unknown =
        org.apache.avro.SchemaBuilder.record("ContactCommand")
            .namespace("org.contactpipeline.schemas.avro")
            .fields()
            .requiredString("somethingElse")
            .endRecord();
    org.apache.avro.generic.GenericRecord record =
        new org.apache.avro.generic.GenericData.Record(unknown);
    record.put("somethingElse", "x");
    byte[] bytes;
    try {
      bytes =
          new BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                  org.apache.avro.generic.GenericData.get(), unknown)
              .encode(record)
              .array();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    assertThatThrownBy(() -> Topics.COMMANDS.valueSerde().deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ContactCommand");
  }

  @Test
  void shouldNameTheMissingRegistryWhenAConfluentFramedRecordArrivesWithoutOne() {
    byte[] framed = {0, 0, 0, 0, 7, 2, 'x'};

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Topics.CHANGELOG
                    .valueSerde()
                    .deserializer()
                    .deserialize("contact.changelog", framed))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("Confluent framing (schema id 7)")
        .hasMessageContaining("SCHEMA_REGISTRY_URL");
  }
}
