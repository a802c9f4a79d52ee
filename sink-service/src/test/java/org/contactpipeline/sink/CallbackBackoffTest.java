package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallbackBackoffTest {

  private final CallbackBackoff backoff =
      new CallbackBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  @Test
  void shouldDoubleTheWaitAfterEachFailedAttemptUpToTheLongest() {
    assertThat(IntStream.rangeClosed(1, 11).mapToObj(backoff::ceiling).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
  }

  @Test
  void shouldNotOverflowAfterVeryManyAttempts() {
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldWaitBetweenHalfTheCeilingAndAllOfIt() {
    assertThat(backoff.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delayAfter(3, () -> 0.999_999))
        .isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
    assertThat(backoff.delayAfter(20, () -> 0.0)).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void shouldRefuseALongestWaitShorterThanTheFirst() {
    assertThatThrownBy(() -> new CallbackBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
