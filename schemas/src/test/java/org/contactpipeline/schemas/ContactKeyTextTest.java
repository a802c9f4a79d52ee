package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactKeyTextTest {

  @Test
  void shouldAcceptOrdinaryKeysIncludingCharactersOutsideTheBasicPlane() {
    assertThat(ContactKeyText.problemWith("acruz@example.com")).isNull();
    assertThat(ContactKeyText.problemWith("Müller 😀 Ω")).isNull();
  }

  @Test
  void shouldRefuseControlCharacters() {
    assertThat(ContactKeyText.problemWith("a\u0000b")).contains("U+0000").contains("position 1");
    assertThat(ContactKeyText.problemWith("line\nbreak")).contains("U+000A");
  }

  @Test
  void shouldRefuseUnpairedSurrogates() {
    assertThat(ContactKeyText.problemWith("x\ud800")).contains("unpaired");
    assertThat(ContactKeyText.problemWith("\udc00x")).contains("unpaired");
  }
}
