package org.contactpipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.contactpipeline.ingest.http.Backpressure;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private final FailedLogins failures =
      new FailedLogins(new FailedLogins.FailureLimits(3, 5, Duration.ofMinutes(1)), clock);

  @Test
  void shouldRefuseAClientThatUsedUpItsFailuresUntilItsWindowEnds() {
    for (int i = 0; i < 3; i++) {
      failures.check("oauth", "guessed", "10.0.0.1");
      failures.recordFailure("oauth", "guessed", "10.0.0." + (i + 1));
    }

    assertThatThrownBy(() -> failures.check("oauth", "guessed", "10.0.0.9"))
        .isInstanceOf(Backpressure.Throttled.class)
        .hasMessageContaining("client");
    assertThatCode(() -> failures.check("oauth", "other-client", "10.0.0.9"))
        .doesNotThrowAnyException();
    assertThatCode(() -> failures.check("ivvy", "guessed", "10.0.0.9"))
        .as("another scheme")
        .doesNotThrowAnyException();
    clock.advance(Duration.ofMinutes(1));
    assertThatCode(() -> failures.check("oauth", "guessed", "10.0.0.9")).doesNotThrowAnyException();
  }

  @Test
  void shouldCountASourceAcrossEveryScheme() {
    failures.recordFailure("oauth", "client", "10.0.0.1");
    failures.recordFailure("ivvy", "key", "10.0.0.1");
    failures.recordFailure("cendyn", "account", "10.0.0.1");
    failures.recordFailure("bearer", null, "10.0.0.1");
    failures.recordFailure("ivvy", null, "10.0.0.1");

    assertThatThrownBy(() -> failures.check("oauth", "client-new", "10.0.0.1"))
        .isInstanceOf(Backpressure.Throttled.class)
        .hasMessageContaining("address");
    assertThatThrownBy(() -> failures.check("bearer", null, "10.0.0.1"))
        .isInstanceOf(Backpressure.Throttled.class);
  }

  @Test
  void shouldAskToRetryWhenTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      failures.recordFailure("oauth", "guessed", "10.0.0." + i);
    }
    clock.advance(Duration.ofSeconds(45));

    assertThatThrownBy(() -> failures.check("oauth", "guessed", "10.0.0.9"))
        .isInstanceOfSatisfying(
            Backpressure.Throttled.class,
            throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(15));
  }

  @Test
  void shouldRefuseASourceThatTriedManyClients() {
    for (int i = 0; i < 5; i++) {
      failures.recordFailure("oauth", "client-" + i, "10.0.0.1");
    }

    assertThatThrownBy(() -> failures.check("oauth", "client-new", "10.0.0.1"))
        .isInstanceOf(Backpressure.Throttled.class)
        .hasMessageContaining("address");
    assertThatCode(() -> failures.check("oauth", "client-new", "10.0.0.2"))
        .doesNotThrowAnyException();
  }
}
