package org.contactpipeline.ingest.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one email rule of every API (Cendyn's {@code email_validation.validate}, iVvy's email,
 * Marketing Cloud's).
 */
class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "john@example.com", "John.Doe+tag@Example.CO.UK", "o'brien@example.ie",
            "x@a-b.example.museum",
        "user_name!#$%&*/=?^`{|}~-@example.org", "jörg@münchen.de", "info@xn--mnchen-3ya.de",
            "a@example.xn--p1ai",
        "a@b.cd"
      })
  void shouldAcceptDeliverableLookingAddresses(String address) {
    assertThat(EmailAddress.problemWith(address)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "johnexample.com | has no @",
        "john@doe@example.com | has more than one @",
        "@example.com | has nothing before the @",
        "john@ | has no domain",
        "john@example | has no top-level domain",
        ".john@example.com | has a local part that starts or ends with a dot",
        "john.@example.com | has a local part that starts or ends with a dot",
        "john..doe@example.com | has consecutive dots in its local part",
        "john@example..com | has consecutive dots in its domain",
        "john@example.com. | has a domain that starts or ends with a dot",
        "john doe@example.com | has the character ' ' in its local part",
        "john(doe)@example.com | has the character '(' in its local part",
        "john@exa_mple.com | has the domain label 'exa_mple' that holds a character other than letters",
        "john@-example.com | has the domain label '-example' that starts or ends with a hyphen",
        "john@example.c | has the top-level domain 'c', which is not at least two letters",
        "john@example.c0m | has the top-level domain 'c0m', which is not at least two letters",
        "john@example.123 | has the top-level domain '123'",
        "john@[192.0.2.1] | has an address literal as its domain"
      })
  void shouldSayWhatIsWrongWithAnAddress(String address, String problem) {
    assertThat(EmailAddress.problemWith(address)).startsWith(problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "65 | 10 | has a local part longer than 64 octets",
        "10 | 64 | has the domain label",
        "64 | 190 | is longer than 254 octets"
      })
  void shouldEnforceTheLengthLimits(int localLength, int labelLength, String problem) {
    String address = "a".repeat(localLength) + "@" + "b".repeat(labelLength) + ".com";

    assertThat(EmailAddress.problemWith(address)).startsWith(problem);
  }

  @Test
  void shouldAcceptALocalPartAndALabelAtTheirLimits() {
    assertThat(EmailAddress.problemWith("a".repeat(64) + "@" + "b".repeat(63) + ".com")).isNull();
  }

  @Test
  void shouldAcceptOrdinaryAddresses() {
    assertThat(EmailAddress.problemWith("user@test.com")).isNull();
    assertThat(EmailAddress.problemWith("Ada.Lovelace+ivvy@mail.example.co.uk")).isNull();
    assertThat(EmailAddress.problemWith("o'brien@example.ie")).isNull();
  }

  @Test
  void shouldRefuseWhatCannotBeDelivered() {
    for (String email :
        new String[] {
          "",
          "ada",
          "ada@",
          "@example.com",
          "ada@localhost",
          "ada@@example.com",
          "ada@example..com",
          ".ada@example.com",
          "ada.@example.com",
          "a..da@example.com",
          "ada @example.com",
          "ada@-example.com",
          "ada@example.com.",
          "ada@example.123",
          "x".repeat(65) + "@example.com",
          "a@"
              + "b".repeat(63)
              + "."
              + "c".repeat(63)
              + "."
              + "d".repeat(63)
              + "."
              + "e".repeat(63)
              + ".com"
        }) {
      assertThat(EmailAddress.problemWith(email)).as(email).isNotNull();
    }
  }

  @Test
  void shouldRefuseWhatCannotBeAContactKey() {
    assertThat(EmailAddress.problemWith("a\u0007b@example.com"))
        .startsWith("contains the control character U+0007");
    assertThat(EmailAddress.problemWith("a\tb@example.com"))
        .startsWith("contains the control character U+0009");
    assertThat(EmailAddress.problemWith("j\ud800rg@example.com"))
        .startsWith("contains an unpaired UTF-16 surrogate");
  }
}
