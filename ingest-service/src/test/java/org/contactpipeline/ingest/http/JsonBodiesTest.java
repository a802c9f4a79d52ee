package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  private final ObjectMapper json = JsonMappers.vendorJson();

  @Test
  void shouldReadAnObjectInTheVendorDialect() throws Exception {
    assertThat(JsonBodies.read(json, "{\"a\": [1, 2,], \"b\": {\"a\": 3},}").get("b").get("a").asInt()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"email\": \"a\", \"email\": \"b\"} | email",
      "{\"a\": {\"b\": 1, \"b\": 2}} | a.b",
      "{\"list\": [{\"id\": 1}, {\"id\": 2, \"id\": 3}]} | list[1].id",
      "[[{\"x\": 1, \"x\": 1}]] | [0][0].x"})
  void shouldRefuseAMemberGivenTwiceNamingItsPath(String body, String path) {
    assertThatThrownBy(() -> JsonBodies.read(json, body))
        .isInstanceOfSatisfying(JsonBodies.Unreadable.class, e -> {
          assertThat(e.duplicatedMember()).isEqualTo(path);
          assertThat(e.getMessage()).startsWith("Duplicate field '");
        });
  }

  @Test
  void shouldSayWhyABodyIsNotJsonWithoutNamingAMember() {
    assertThatThrownBy(() -> JsonBodies.read(json, "{\"a\":"))
        .isInstanceOfSatisfying(JsonBodies.Unreadable.class, e -> {
          assertThat(e.duplicatedMember()).isNull();
          assertThat(e.getMessage()).isNotBlank();
        });
  }

  @Test
  void shouldKeepMembersThatDifferOnlyInCaseForTheApiToJudge() throws Exception {
    assertThat(JsonBodies.read(json, "{\"email\": \"a\", \"Email\": \"b\"}").size()).isEqualTo(2);
  }
}
