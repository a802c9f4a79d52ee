package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline email rules behind {@code email_validation.validate}. */
class EmailAddressRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "john@example.com", "John.Doe+tag@Example.CO.UK", "o'brien@example.ie", "x@a-b.example.museum",
      "user_name!#$%&*/=?^`{|}~-@example.org", "jörg@münchen.de", "info@xn--mnchen-3ya.de", "a@example.xn--p1ai",
      "a@b.cd"})
  void shouldAcceptDeliverableLookingAddresses(String address) {
    assertThat(EmailAddressRules.problemWith(address)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
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
      "john@[192.0.2.1] | has an address literal as its domain"})
  void shouldSayWhatIsWrongWithAnAddress(String address, String problem) {
    assertThat(EmailAddressRules.problemWith(address)).startsWith(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "65 | 10 | has a local part longer than 64 octets",
      "10 | 64 | has the domain label",
      "64 | 190 | is longer than 254 octets"})
  void shouldEnforceTheLengthLimits(int localLength, int labelLength, String problem) {
    String address = "a".repeat(localLength) + "@" + "b".repeat(labelLength) + ".com";

    assertThat(EmailAddressRules.problemWith(address)).startsWith(problem);
  }

  @Test
  void shouldAcceptALocalPartAndALabelAtTheirLimits() {
    assertThat(EmailAddressRules.problemWith("a".repeat(64) + "@" + "b".repeat(63) + ".com")).isNull();
  }
}
