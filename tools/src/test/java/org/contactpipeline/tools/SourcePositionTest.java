package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourcePositionTest {

  @Test
  void shouldTakeThePartitionAfterTheLastDash() {
    assertThat(SourcePosition.parse("contact.dead-letters-0@12"))
        .isEqualTo(new SourcePosition("contact.dead-letters", 0, 12));
    assertThat(SourcePosition.parse("contact.commands-11@4"))
        .isEqualTo(new SourcePosition("contact.commands", 11, 4));
  }

  @Test
  void shouldPrintTheFormTheServicesWrite() {
    assertThat(new SourcePosition("contact.changelog", 2, 40))
        .hasToString("contact.changelog-2@40");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"contact.commands@4", "-3@4", "contact.commands-3", "contact.commands-x@4"})
  void shouldRefuseWhatIsNotASource(String text) {
    assertThatThrownBy(() -> SourcePosition.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a source");
  }
}
