package org.contactpipeline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BlockedValuesTest {

  @Test
  void shouldBlockPlaceholdersAndZerosWhateverTheType() {
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.USER_ID, "null"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.USER_ID, "N/A"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.EXTERNAL_ID, "0000"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.PHONE, "+0000000"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.DEVICE_ID, " "))).isTrue();
  }

  @Test
  void shouldBlockAnEmailWithAPlaceholderForItsLocalPart() {
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.EMAIL, "test@test.com"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.EMAIL, "null@example.com"))).isTrue();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.EMAIL, "no-at-sign"))).isTrue();
  }

  @Test
  void shouldLetRealValuesThrough() {
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.EMAIL, "ann@example.com"))).isFalse();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.PHONE, "+447712345678"))).isFalse();
    assertThat(BlockedValues.isBuiltIn(id(IdentifierType.USER_ID, "100"))).isFalse();
  }

  @Test
  void shouldMatchAConfiguredPatternAgainstTheWholeValue() {
    List<Pattern> patterns = List.of(Pattern.compile("info@acme\\.example"));

    assertThat(BlockedValues.matchesAny(id(IdentifierType.EMAIL, "info@acme.example"), patterns))
        .isTrue();
    assertThat(
            BlockedValues.matchesAny(id(IdentifierType.EMAIL, "info@acme.example.org"), patterns))
        .isFalse();
  }

  private static Identifier id(IdentifierType type, String value) {
    return new Identifier(type, value);
  }
}
