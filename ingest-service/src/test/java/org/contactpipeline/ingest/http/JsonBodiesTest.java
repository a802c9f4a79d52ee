package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {

  private final ObjectMapper json = JsonMappers.vendorJson();

  @Test
  void shouldReadAnObjectInTheVendorDialect() throws Exception {
    assertThat(
            JsonBodies.read(json, utf8("{\"a\": [1, 2,], \"b\": {\"a\": 3},}"))
                .get("b")
                .get("a")
                .asInt())
        .isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"email\": \"a\", \"email\": \"b\"} | email",
        "{\"a\": {\"b\": 1, \"b\": 2}} | a.b",
        "{\"list\": [{\"id\": 1}, {\"id\": 2, \"id\": 3}]} | list[1].id",
        "[[{\"x\": 1, \"x\": 1}]] | [0][0].x"
      })
  void shouldRefuseAMemberGivenTwiceNamingItsPath(String body, String path) {
    assertThatThrownBy(() -> JsonBodies.read(json, utf8(body)))
        .isInstanceOfSatisfying(
            JsonBodies.Unreadable.class,
            e -> {
              assertThat(e.duplicatedMember()).isEqualTo(path);
              assertThat(e.getMessage()).startsWith("Duplicate field '");
            });
  }

  @Test
  void shouldSayWhyABodyIsNotJsonWithoutNamingAMember() {
    assertThatThrownBy(() -> JsonBodies.read(json, utf8("{\"a\":")))
        .isInstanceOfSatisfying(
            JsonBodies.Unreadable.class,
            e -> {
              assertThat(e.duplicatedMember()).isNull();
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void shouldKeepMembersThatDifferOnlyInCaseForTheApiToJudge() throws Exception {
    assertThat(JsonBodies.read(json, utf8("{\"email\": \"a\", \"Email\": \"b\"}")).size())
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseMalformedUtf8InsteadOfReplacingIt() {
    // Decoded leniently, both would read "k\uFFFD" and name one contact.
    byte[] invalid = {'{', '"', 'k', '"', ':', '"', 'k', (byte) 0xFF, '"', '}'};

    assertThatThrownBy(() -> JsonBodies.read(json, invalid))
        .isInstanceOf(JsonBodies.Unreadable.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void shouldRefuseAnythingAfterTheValue() {
    assertThatThrownBy(() -> JsonBodies.read(json, utf8("{\"a\": 1} {\"a\": 2}")))
        .isInstanceOf(JsonBodies.Unreadable.class);
    assertThatThrownBy(() -> JsonBodies.read(json, utf8("{\"a\": 1} garbage")))
        .isInstanceOf(JsonBodies.Unreadable.class);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
