package org.contactpipeline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.contactpipeline.schemas.avro.ContactData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityRulesTest {

  private static final String ACME =
      """
      {
        "default": {"match": ["email"]},
        "tenants": {
          "acme": {
            "match": ["user_id", "email", "phone"],
            "limits": {"user_id": 1, "email": 3},
            "blocked": {"email": ["info@acme\\\\.example", ".*@mailinator\\\\.com"]},
            "onConflict": "merge"
          }
        }
      }
      """;

  private static final ContactData ANN =
      ContactData.newBuilder()
          .setEmail("Ann@Example.com")
          .setPhone("+44 7712 345678")
          .setUserId("u-1")
          .setDeviceId("dev-1")
          .build();

  @Test
  void shouldReadATenantsRulesWithDefaultsForWhatItLeavesOut() {
    TenantIdentityRules acme = IdentityRules.parse(ACME).of("acme");

    assertThat(acme.match())
        .containsExactly(IdentifierType.USER_ID, IdentifierType.EMAIL, IdentifierType.PHONE);
    assertThat(acme.limit(IdentifierType.USER_ID)).isEqualTo(1);
    assertThat(acme.limit(IdentifierType.EMAIL)).isEqualTo(3);
    assertThat(acme.limit(IdentifierType.PHONE)).isEqualTo(5);
    assertThat(acme.onConflict()).isEqualTo(OnConflict.MERGE);
  }

  @Test
  void shouldMatchOnlyTheTenantsTypesInItsPriorityOrder() {
    assertThat(IdentityRules.parse(ACME).of("acme").matching(ANN))
        .extracting(Identifier::toString)
        .containsExactly("user_id:u-1", "email:ann@example.com", "phone:+447712345678");
  }

  @Test
  void shouldLeaveBlockedValuesOut() {
    ContactData shared = ContactData.newBuilder().setEmail("INFO@acme.example").build();
    ContactData placeholder = ContactData.newBuilder().setUserId("null").build();
    TenantIdentityRules acme = IdentityRules.parse(ACME).of("acme");

    assertThat(acme.matching(shared)).isEmpty();
    assertThat(acme.matching(placeholder)).isEmpty();
  }

  @Test
  void shouldGiveATenantTheFileDefaultOrElseKeyOnly() {
    assertThat(IdentityRules.parse(ACME).of("other").match()).containsExactly(IdentifierType.EMAIL);
    assertThat(IdentityRules.parse(ACME).of("other").onConflict()).isEqualTo(OnConflict.REFUSE);
    assertThat(IdentityRules.parse("{\"tenants\": {}}").of("other").matchesByIdentifier())
        .isFalse();
    assertThat(IdentityRules.load("").of("acme")).isEqualTo(TenantIdentityRules.KEY_ONLY);
    assertThat(TenantIdentityRules.KEY_ONLY.matching(ANN)).isEmpty();
  }

  @Test
  void shouldReadTheRulesFromAFile(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("identity-rules.json"), ACME);

    assertThat(IdentityRules.load(file.toString()).of("acme").matchesByIdentifier()).isTrue();
    assertThatThrownBy(() -> IdentityRules.load(directory.resolve("missing.json").toString()))
        .hasMessageContaining("cannot read identity rules file");
  }

  @Test
  void shouldRefuseEveryMistakeNamingTheTenantAndTheField() {
    assertRefused("{\"tenants\": {\"t\": {\"match\": []}}}", "tenant t): match must name");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"mail\"]}}}",
        "tenant t): match 'mail' is not an identifier type; the types are email, phone, user_id,"
            + " external_id, device_id");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"email\", \"EMAIL\"]}}}", "match names email twice");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"email\"], \"limits\": {\"email\": 0}}}}",
        "limits.email must be 1 to 100, was 0");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"email\"], \"limits\": {\"phone\": 2}}}}",
        "limits.phone phone is not in match");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"email\"], \"blocked\": {\"email\": [\"(\"]}}}}",
        "blocked.email '(' is not a regular expression");
    assertRefused(
        "{\"tenants\": {\"t\": {\"match\": [\"email\"], \"onConflict\": \"link\"}}}",
        "onConflict must be merge or refuse, was 'link'");
    assertRefused(
        "{\"default\": {\"match\": [\"email\"], \"priority\": 1}}", "are not valid: Unrecognized");
    assertRefused("{\"tenants\": {\"\": {\"match\": [\"email\"]}}}", "a tenant name is empty");
    assertRefused("not json", "are not valid");
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> IdentityRules.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
