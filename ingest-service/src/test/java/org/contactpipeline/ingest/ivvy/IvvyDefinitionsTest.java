package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvvyDefinitionsTest {

  @Test
  void shouldDefineTheDemoTenantWhenNoFileIsConfigured() {
    TenantDefinitions demo = IvvyDefinitions.load("").of("demo");

    assertThat(demo.customField(103))
        .hasValueSatisfying(
            field -> {
              assertThat(field.type()).isEqualTo(CustomFieldType.SELECT);
              assertThat(field.options()).contains("Medium");
            });
    assertThat(demo.hasCompany(4)).isTrue();
    assertThat(demo.hasCompany(99)).isFalse();
  }

  @Test
  void shouldGiveATenantWithoutDefinitionsNoFieldsAndNoCompanies() {
    TenantDefinitions unknown = IvvyDefinitions.load("").of("nobody");

    assertThat(unknown.customField(103)).isEmpty();
    assertThat(unknown.hasCompany(4)).isFalse();
  }

  @Test
  void shouldReadTheConfiguredFileInsteadOfTheBuiltInOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ivvy.json");
    Files.writeString(
        file,
        "{\"tenants\":{\"acme\":{\"customFields\":[{\"fieldId\":1,\"displayName\":\"Size\","
            + "\"type\":\"NUMBER\"}],\"companies\":[{\"id\":9}]}}}");

    IvvyDefinitions definitions = IvvyDefinitions.load(file.toString());

    assertThat(definitions.of("acme").customField(1))
        .map(CustomFieldDefinition::type)
        .hasValue(CustomFieldType.NUMBER);
    assertThat(definitions.of("acme").hasCompany(9)).isTrue();
    assertThat(definitions.of("demo").customField(103)).isEmpty();
  }

  @Test
  void shouldRefuseBrokenDefinitionsAtStartNamingTheProblem() {
    assertRefused(
        "{\"tenants\":{\"t\":{\"customFields\":[{\"fieldId\":1,\"type\":\"colour\"}]}}}", "colour");
    assertRefused(
        "{\"tenants\":{\"t\":{\"customFields\":[{\"fieldId\":1,\"type\":\"select\"}]}}}",
        "without options");
    assertRefused(
        "{\"tenants\":{\"t\":{\"customFields\":[{\"fieldId\":1,\"type\":\"text\",\"options\":[\"a\"]}]}}}",
        "only select");
    assertRefused(
        "{\"tenants\":{\"t\":{\"customFields\":[{\"fieldId\":1,\"type\":\"text\"},"
            + "{\"fieldId\":1,\"type\":\"date\"}]}}}",
        "twice");
    assertRefused("{\"tenants\":{\"t\":{\"customFields\":[{\"type\":\"text\"}]}}}", "fieldId");
    assertRefused(
        "{\"tenants\":{\"t\":{\"companies\":[{\"id\":4},{\"id\":4}]}}}", "company 4 twice");
    assertRefused("{\"tenants\":{\"t\":{\"fields\":[]}}}", "fields");
    assertRefused("{}", "tenants");
    assertRefused("{\"tenants\":", "not valid");
  }

  @Test
  void shouldRefuseAFileThatCannotBeRead(@TempDir Path dir) {
    assertThatThrownBy(() -> IvvyDefinitions.load(dir.resolve("missing.json").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.json");
  }

  private static void assertRefused(String json, String mention) {
    assertThatThrownBy(() -> IvvyDefinitions.parse(json))
        .as(json)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(mention);
  }
}
