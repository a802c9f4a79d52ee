package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;

class ContactRowTest {

  private static final ContactKey KEY = new ContactKey("demo", 0, "alice@example.com");
  private static final Instant CREATED = Instant.parse("2024-03-01T10:15:30.123Z");
  private static final Instant UPDATED = Instant.parse("2024-03-02T11:00:00.456Z");

  @Test
  void shouldCopyEveryFieldTheReadSideFiltersOn() {
    ContactData data =
        ContactData.newBuilder()
            .setEmail("Alice@Example.COM")
            .setFirstName("Alice")
            .setLastName("Liddell")
            .setPhone("+61412345678")
            .setPhoneCountryCode("61")
            .setPhoneNumber("412345678")
            .setUserId("backend-7")
            .setExternalId("ext-9")
            .build();

    ContactRow row = ContactRow.of(record(3, data));

    assertThat(row.key()).isEqualTo(KEY);
    assertThat(row.contactId()).isEqualTo(42L);
    assertThat(row.status()).isEqualTo("ACTIVE");
    assertThat(row.version()).isEqualTo(3L);
    assertThat(row.createdAt()).isEqualTo(CREATED);
    assertThat(row.updatedAt()).isEqualTo(UPDATED);
    assertThat(
            List.of(
                row.emailLower(),
                row.firstName(),
                row.lastName(),
                row.phone(),
                row.phoneCountryCode(),
                row.phoneNumber(),
                row.userId(),
                row.externalId()))
        .containsExactly(
            "alice@example.com",
            "Alice",
            "Liddell",
            "+61412345678",
            "61",
            "412345678",
            "backend-7",
            "ext-9");
  }

  @Test
  void shouldLowerCaseTheEmailTheSameWayInEveryDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      // In Turkish the default lower case of I is a dotless ı; identity rules use Locale.ROOT.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      ContactRow row =
          ContactRow.of(record(1, ContactData.newBuilder().setEmail("IVY@EXAMPLE.COM").build()));
      assertThat(row.emailLower()).isEqualTo("ivy@example.com");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldLeaveEveryDataColumnNullForARecordWithoutData() {
    ContactRow row = ContactRow.of(record(1, null));

    assertThat(row.dataJson()).isNull();
    assertThat(
            new Object[] {
              row.emailLower(),
              row.firstName(),
              row.lastName(),
              row.phone(),
              row.phoneCountryCode(),
              row.phoneNumber(),
              row.userId(),
              row.externalId()
            })
        .containsOnlyNulls();
  }

  @Test
  void shouldStoreTheRecordSoThatTheChangelogSerdeDecodesItExactly() {
    ContactRecord record = record(2, fullData());

    byte[] stored = ContactRow.of(record).record();

    assertThat(
            Topics.CHANGELOG
                .valueSerde()
                .deserializer()
                .deserialize(Topics.CHANGELOG.name(), stored))
        .isEqualTo(record);
  }

  @Test
  void shouldWriteTheDataAsJsonThatParses() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ContactRow.of(record(1, fullData())).dataJson());

    assertThat(json.get("firstName").asText()).isEqualTo("Zoë \"Q\"\nSmith");
    assertThat(json.get("birthDate").asText()).isEqualTo("1990-01-02T00:00:00Z");
    assertThat(json.get("lastLatitude").asText()).isEqualTo("NaN");
    assertThat(json.get("customFields").get("shoe").asText()).isEqualTo("{\"size\":42}");
    assertThat(json.get("consent").get("privacyConsent").asBoolean()).isTrue();
    assertThat(
            json.get("attributeSets")
                .get(0)
                .get("items")
                .get(0)
                .get("values")
                .get(1)
                .get("value")
                .asBoolean())
        .isTrue();
  }

  @Test
  void shouldLeaveTheFieldsTheDataDoesNotSetOutOfItsJson() throws Exception {
    ContactData data =
        ContactData.newBuilder().setEmail("ada@example.com").setFirstName("Ada").build();

    JsonNode json = new ObjectMapper().readTree(ContactRow.of(record(1, data)).dataJson());

    assertThat(json.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("firstName", "email");
    assertThat(json.get("email").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void shouldReplaceNulCharactersInDataColumnsWhichPostgresRefuses() throws Exception {
    ContactData data =
        ContactData.newBuilder()
            .setFirstName("nul\u0000name")
            .setEmail("A\u0000@example.com")
            .build();

    ContactRow row = ContactRow.of(record(1, data));

    assertThat(row.firstName()).isEqualTo("nul\uFFFDname");
    assertThat(row.emailLower()).isEqualTo("a\uFFFD@example.com");
    assertThat(row.dataJson()).doesNotContain("\\u0000");
    assertThat(new ObjectMapper().readTree(row.dataJson()).get("firstName").asText())
        .isEqualTo("nul\uFFFDname");
    // The exact record keeps the character: only the copies lose it.
    assertThat(
            Topics.CHANGELOG
                .valueSerde()
                .deserializer()
                .deserialize("", row.record())
                .getData()
                .getFirstName())
        .isEqualTo("nul\u0000name");
  }

  @Test
  void shouldLeaveAnEscapedBackslashFollowedByU0000Alone() {
    assertThat(ContactRow.json("{\"a\": \"\\\\u0000\", \"b\": \"\\u0000\"}"))
        .isEqualTo("{\"a\": \"\\\\u0000\", \"b\": \"\\uFFFD\"}");
  }

  private static ContactRecord record(long version, ContactData data) {
    return new ContactRecord(KEY, 42L, ContactStatus.ACTIVE, version, CREATED, UPDATED, data);
  }

  private static ContactData fullData() {
    return ContactData.newBuilder()
        .setFirstName("Zoë \"Q\"\nSmith")
        .setBirthDate(Instant.parse("1990-01-02T00:00:00Z"))
        .setLastLatitude(Double.NaN)
        .setGroups(List.of(1L, 2L))
        .setCustomFields(Map.of("shoe", "{\"size\":42}"))
        .setConsent(
            Consent.newBuilder()
                .setPrivacyConsent(true)
                .setGdprDate(Instant.ofEpochMilli(5))
                .build())
        .setAttributeSets(
            List.of(
                new AttributeSet(
                    "Email Addresses",
                    List.of(
                        new AttributeItem(
                            List.of(
                                new AttributeValue("Email Address", "alice@example.com"),
                                    new AttributeValue("HTML Enabled", true),
                                new AttributeValue("Score", 3L),
                                    new AttributeValue("Weight", 2.5)))))))
        .build();
  }
}
