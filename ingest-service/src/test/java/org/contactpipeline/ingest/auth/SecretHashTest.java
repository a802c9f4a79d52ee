package org.contactpipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretHashTest {

  @Test
  void shouldMatchOnlyTheHashedSecretAfterARoundTripThroughItsText() {
    SecretHash hash = SecretHash.parse(SecretHash.of("demo-secret").toString());

    assertThat(hash.matches("demo-secret")).isTrue();
    assertThat(hash.matches("demo-secret ")).isFalse();
    assertThat(hash.matches("Demo-secret")).isFalse();
    assertThat(hash.matches("")).isFalse();
  }

  @Test
  void shouldSaltEveryHashSoEqualSecretsDoNotShowInConfiguration() {
    assertThat(SecretHash.of("same").toString()).isNotEqualTo(SecretHash.of("same").toString());
  }

  @Test
  void shouldRefuseMalformedHashesWithoutRepeatingThem() {
    assertThatThrownBy(() -> SecretHash.parse("sha1.1.abc.def"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc.def"));
    assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256.x.AAAAAAAAAAA.AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256.1000.AAAAAAAAAAA.AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
