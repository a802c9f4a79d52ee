package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailSyntaxTest {

  @Test
  void shouldAcceptOrdinaryAddresses() {
    assertThat(EmailSyntax.isValid("user@test.com")).isTrue();
    assertThat(EmailSyntax.isValid("Ada.Lovelace+ivvy@mail.example.co.uk")).isTrue();
    assertThat(EmailSyntax.isValid("o'brien@example.ie")).isTrue();
  }

  @Test
  void shouldRefuseWhatCannotBeDelivered() {
    for (String email : new String[] {"", "ada", "ada@", "@example.com", "ada@localhost", "ada@@example.com",
        "ada@example..com", ".ada@example.com", "ada.@example.com", "a..da@example.com", "ada @example.com",
        "ada@-example.com", "ada@example.com.", "ada@example.123", "x".repeat(65) + "@example.com",
        "a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63) + ".com"}) {
      assertThat(EmailSyntax.isValid(email)).as(email).isFalse();
    }
  }
}
