package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.store.ContactRow;
import org.junit.jupiter.api.Test;

class ConnectJsonRecordsTest {

  private static final Instant CREATED = Instant.parse("2026-12-07T10:15:30.123Z");
  private static final ContactRecord RECORD =
      new ContactRecord(
          new ContactKey("acme", 0, "ada@example.com"),
          42L,
          ContactStatus.ACTIVE,
          3L,
          CREATED,
          CREATED.plusSeconds(60),
          ContactData.newBuilder()
              .setEmail("Ada@Example.com")
              .setFirstName("Ada")
              .setPhone("+44 20 7946 0000")
              .build());

  @Test
  void shouldGiveConnectsJsonConverterTheTablesPrimaryKeyAsTheKey() {
    Struct key =
        (Struct) converter(true).toConnectData("t", ConnectJsonRecords.key(RECORD)).value();

    assertThat(key.getString("tenant")).isEqualTo("acme");
    assertThat(key.getInt32("contact_type")).isZero();
    assertThat(key.getString("contact_key")).isEqualTo("ada@example.com");
  }

  @Test
  void shouldGiveConnectsJsonConverterEveryOtherColumnAsTheSinkWritesIt() {
    ContactRow row = ContactRow.of(RECORD);
    var converted = converter(false).toConnectData("t", ConnectJsonRecords.value(RECORD));
    Struct value = (Struct) converted.value();

    assertThat(value.getInt64("contact_id")).isEqualTo(42L);
    assertThat(value.getString("status")).isEqualTo("ACTIVE");
    assertThat(value.getInt64("version")).isEqualTo(3L);
    assertThat(converted.schema().field("created_at").schema().name())
        .isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat((Date) value.get("created_at")).isEqualTo(Date.from(CREATED));
    assertThat((Date) value.get("updated_at")).isEqualTo(Date.from(CREATED.plusSeconds(60)));
    assertThat(value.getString("email_lower")).isEqualTo("ada@example.com");
    assertThat(value.getString("first_name")).isEqualTo("Ada");
    assertThat(value.getString("last_name")).isNull();
    assertThat(value.getString("phone")).isEqualTo("+44 20 7946 0000");
    assertThat(value.getBytes("record")).isEqualTo(row.record());
    assertThat(value.getString("data")).isEqualTo(row.dataJson());
    assertThat(converted.schema().field("data").schema().name()).isEqualTo("io.debezium.data.Json");
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), isKey);
    return converter;
  }
}
