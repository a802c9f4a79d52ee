package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyArgumentTest {

  @Test
  void shouldSplitTenantTypeAndKey() {
    assertThat(KeyArgument.parse("demo/0/acruz@example.com"))
        .isEqualTo(new ContactKey("demo", 0, "acruz@example.com"));
  }

  @Test
  void shouldKeepSlashesInTheKey() {
    assertThat(KeyArgument.parse("demo/2/crm/accounts/17").getContactKey())
        .isEqualTo("crm/accounts/17");
  }

  @Test
  void shouldFormatWhatItParses() {
    assertThat(KeyArgument.format(KeyArgument.parse("t1/3/a/b"))).isEqualTo("t1/3/a/b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "demo/0", "/0/key", "demo/x/key", "demo/0/"})
  void shouldRefuseWhatIsNotAKey(String text) {
    assertThatThrownBy(() -> KeyArgument.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a contact key");
  }
}
