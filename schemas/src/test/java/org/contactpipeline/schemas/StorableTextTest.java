package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void shouldAcceptTextWithLineBreaksTabsAndCharactersOutsideTheBasicPlane() {
    assertThat(StorableText.problemWith("Gran Via 1\n2B\tMadrid")).isNull();
    assertThat(StorableText.problemWith("Müller 😀 Ω \u0007")).isNull();
    assertThat(StorableText.problemWith("")).isNull();
  }

  @Test
  void shouldRefuseTheNulCharacterNamingItsPosition() {
    assertThat(StorableText.problemWith("Ma\u0000drid"))
        .isEqualTo("contains the NUL character at position 2");
  }

  @Test
  void shouldRefuseUnpairedSurrogates() {
    assertThat(StorableText.problemWith("x\ud800"))
        .isEqualTo("contains an unpaired UTF-16 surrogate at position 1");
    assertThat(StorableText.problemWith("\udc00x")).contains("unpaired");
    assertThat(StorableText.problemWith("\ud83d\ud83d\ude00")).contains("position 0");
  }

  @Test
  void shouldLetContactKeysRefuseMoreThanData() {
    assertThat(StorableText.problemWith("line\nbreak")).isNull();
    assertThat(ContactKeyText.problemWith("line\nbreak"))
        .isEqualTo("contains the control character U+000A at position 4");
  }
}
