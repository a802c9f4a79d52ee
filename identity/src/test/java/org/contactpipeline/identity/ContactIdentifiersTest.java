package org.contactpipeline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.contactpipeline.schemas.avro.ContactData;
import org.junit.jupiter.api.Test;

class ContactIdentifiersTest {

  @Test
  void shouldTrimAndLowerCaseAnEmail() {
    assertThat(ContactIdentifiers.email("  Ann.Lee@Example.COM "))
        .contains(new Identifier(IdentifierType.EMAIL, "ann.lee@example.com"));
    assertThat(ContactIdentifiers.email("   ")).isEmpty();
    assertThat(ContactIdentifiers.email(null)).isEmpty();
  }

  @Test
  void shouldWriteEveryFormOfOnePhoneNumberAsTheSameE164() {
    Identifier expected = new Identifier(IdentifierType.PHONE, "+447712345678");

    assertThat(ContactIdentifiers.phone(null, "44", "7712 345 678")).contains(expected);
    assertThat(ContactIdentifiers.phone(null, "+44", "07712-345-678")).contains(expected);
    assertThat(ContactIdentifiers.phone("+44 (7712) 345.678", null, null)).contains(expected);
    assertThat(ContactIdentifiers.phone("0044 7712 345678", null, null)).contains(expected);
    assertThat(ContactIdentifiers.phone("447712345678", null, null)).contains(expected);
  }

  @Test
  void shouldNotTakeANationalNumberOrAMalformedOneForAnIdentifier() {
    assertThat(ContactIdentifiers.phone("07712 345678", null, null)).as("national").isEmpty();
    assertThat(ContactIdentifiers.phone("+44 7712 ext 5", null, null)).as("letters").isEmpty();
    assertThat(ContactIdentifiers.phone("+44 123", null, null)).as("too short").isEmpty();
    assertThat(ContactIdentifiers.phone("+1234567890123456", null, null))
        .as("over 15 digits")
        .isEmpty();
    assertThat(ContactIdentifiers.phone(null, "0", "7712345678")).as("country 0").isEmpty();
    assertThat(ContactIdentifiers.phone(null, null, "7712345678")).as("no country").isEmpty();
  }

  @Test
  void shouldPreferTheCountryCodeAndNumberOverTheFullPhone() {
    assertThat(ContactIdentifiers.phone("07712 345678", "44", "7712345678"))
        .contains(new Identifier(IdentifierType.PHONE, "+447712345678"));
  }

  @Test
  void shouldTrimOpaqueIdsAndKeepTheirCase() {
    assertThat(ContactIdentifiers.opaque(IdentifierType.USER_ID, " U-42aB "))
        .contains(new Identifier(IdentifierType.USER_ID, "U-42aB"));
    assertThat(ContactIdentifiers.opaque(IdentifierType.DEVICE_ID, "")).isEmpty();
  }

  @Test
  void shouldListEveryIdentifierTheDataHoldsInTypeOrder() {
    ContactData data =
        ContactData.newBuilder()
            .setDeviceId("dev-1")
            .setEmail("Ann@Example.com")
            .setPhoneCountryCode("44")
            .setPhoneNumber("7712345678")
            .setUserId("u-1")
            .setExternalId("ext-9")
            .build();

    assertThat(ContactIdentifiers.of(data))
        .extracting(Identifier::toString)
        .containsExactly(
            "email:ann@example.com",
            "phone:+447712345678",
            "user_id:u-1",
            "external_id:ext-9",
            "device_id:dev-1");
    assertThat(ContactIdentifiers.of(new ContactData())).isEmpty();
  }
}
