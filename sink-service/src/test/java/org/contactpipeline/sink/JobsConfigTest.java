package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.contactpipeline.config.ConfigException;
import org.contactpipeline.config.Settings;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

  @Test
  void shouldDefaultToSixteenAttemptsFromOneSecondToFiveMinutesAndAWeeksRetention() {
    JobsConfig jobs = SinkConfig.from(Settings.of(SinkConfig.DEFAULTS)).jobs();

    assertThat(jobs.callbacks().maxAttempts()).isEqualTo(16);
    assertThat(jobs.callbacks().backoff())
        .isEqualTo(new CallbackBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
    assertThat(jobs.callbacks().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(jobs.callbacks().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(jobs.callbacks().signingSecret()).isEmpty();
    assertThat(jobs.callbacks().policy().allowPrivateAddresses()).isFalse();
    assertThat(jobs.callbacks().policy().allowedHosts()).isEmpty();
    assertThat(jobs.retention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldLeaseAClaimLongerThanAnAttemptCanTake() {
    JobsConfig.Callbacks callbacks =
        SinkConfig.from(Settings.of(SinkConfig.DEFAULTS)).jobs().callbacks();

    assertThat(callbacks.lease())
        .isGreaterThan(callbacks.connectTimeout().plus(callbacks.requestTimeout()));
  }

  @Test
  void shouldNeverPrintTheSigningSecret() {
    JobsConfig jobs =
        JobsConfig.from(
            Settings.of(SinkConfig.DEFAULTS)
                .with(Map.of("jobs.callback.signing-secret", "s3cret-value")));

    assertThat(jobs.callbacks().signingSecret()).contains("s3cret-value");
    assertThat(jobs.toString()).doesNotContain("s3cret-value").contains("signed=true");
  }

  @Test
  void shouldReadThePolicyItSharesWithIngest() {
    JobsConfig jobs =
        JobsConfig.from(
            Settings.of(SinkConfig.DEFAULTS)
                .with(
                    Map.of(
                        "jobs.callback.allowed-hosts", "hooks.example.com, *.example.org",
                        "jobs.callback.allow-private-addresses", "true")));

    assertThat(jobs.callbacks().policy().allowedHosts())
        .containsExactly("hooks.example.com", "*.example.org");
    assertThat(jobs.callbacks().policy().allowPrivateAddresses()).isTrue();
  }

  @Test
  void shouldRefuseALongestBackoffShorterThanTheFirst() {
    assertThatThrownBy(
            () ->
                JobsConfig.from(
                    Settings.of(SinkConfig.DEFAULTS)
                        .with(Map.of("jobs.callback.max-backoff-ms", "10"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("jobs.callback.max-backoff-ms");
  }
}
