package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionTest {

  @Test
  void shouldParsePartitionAtOffset() {
    assertThat(Position.parse("3@1017")).isEqualTo(new Position(3, 1017));
  }

  @Test
  void shouldPrintWhatItParses() {
    assertThat(Position.parse("0@9223372036854775807")).hasToString("0@9223372036854775807");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3", "@5", "3@", "3@@5", "a@5", "3@-5", "-1@5", "3@5x", " 3@5"})
  void shouldRefuseWhatIsNotAPosition(String text) {
    assertThatThrownBy(() -> Position.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a position");
  }

  @Test
  void shouldRefuseAPartitionBeyondAnInt() {
    assertThatThrownBy(() -> Position.parse("2147483648@0"))
        .hasMessageContaining("partition is too large");
  }

  @Test
  void shouldOrderByPartitionThenOffset() {
    assertThat(new Position(0, 9)).isLessThan(new Position(1, 0));
    assertThat(new Position(1, 2)).isLessThan(new Position(1, 10));
  }
}
