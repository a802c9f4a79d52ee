package org.contactpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamsAppConfigTest {

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "kafka.bootstrap.servers", "localhost:9092",
          "app.application-id", "contact-app",
          "app.commit-interval-ms", "250",
          "app.awaited-commit-interval-ms", "20",
          "app.state-dir", "/tmp/state",
          "app.stream-threads", "1",
          "app.instance-id", "",
          "app.standby-replicas", "1",
          "app.session-timeout-ms", "10000",
          "app.transactional-state-stores", "true");

  @Test
  void shouldUseStaticMembershipOnlyWhenAnInstanceIdIsGiven() {
    Properties dynamic =
        StreamsAppConfig.from(Settings.layer(DEFAULTS, Map.of()), "app").streamsProperties();
    Properties fixed =
        StreamsAppConfig.from(
                Settings.layer(DEFAULTS, Map.of("APP_INSTANCE_ID", "resolver-1")), "app")
            .streamsProperties();

    assertThat(dynamic).doesNotContainKey("main.consumer.group.instance.id");
    assertThat(fixed).containsEntry("main.consumer.group.instance.id", "resolver-1");
  }

  @Test
  void shouldKeepAStandbyAndAShortSessionWithHeartbeatsWellInside() {
    Properties props =
        StreamsAppConfig.from(
                Settings.layer(
                    DEFAULTS,
                    Map.of("APP_SESSION_TIMEOUT_MS", "6000", "APP_STANDBY_REPLICAS", "2")),
                "app")
            .streamsProperties();

    assertThat(props)
        .containsEntry("num.standby.replicas", "2")
        .containsEntry("main.consumer.session.timeout.ms", "6000")
        .containsEntry("main.consumer.heartbeat.interval.ms", "1500");
  }

  @Test
  void shouldBoundTheRebalanceTimeoutToAMinuteUnlessGivenExplicitly() {
    Properties byDefault =
        StreamsAppConfig.from(Settings.layer(DEFAULTS, Map.of()), "app").streamsProperties();
    Properties explicit =
        StreamsAppConfig.from(
                Settings.layer(DEFAULTS, Map.of("KAFKA_MAX_POLL_INTERVAL_MS", "120000")), "app")
            .streamsProperties();

    assertThat(byDefault).containsEntry("main.consumer.max.poll.interval.ms", "60000");
    assertThat(explicit)
        .containsEntry("max.poll.interval.ms", "120000")
        .doesNotContainKey("main.consumer.max.poll.interval.ms");
  }

  @Test
  void shouldLetAnExplicitKafkaClientSettingWin() {
    Properties props =
        StreamsAppConfig.from(
                Settings.layer(DEFAULTS, Map.of("KAFKA_SESSION_TIMEOUT_MS", "7000")), "app")
            .streamsProperties();

    assertThat(props)
        .containsEntry("session.timeout.ms", "7000")
        .doesNotContainKey("main.consumer.session.timeout.ms");
  }

  @Test
  void shouldKeepStoresTransactionalUnlessTurnedOff() {
    Properties byDefault =
        StreamsAppConfig.from(Settings.layer(DEFAULTS, Map.of()), "app").streamsProperties();
    Properties turnedOff =
        StreamsAppConfig.from(
                Settings.layer(DEFAULTS, Map.of("APP_TRANSACTIONAL_STATE_STORES", "false")), "app")
            .streamsProperties();

    assertThat(byDefault)
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("enable.transactional.statestores", "true");
    assertThat(turnedOff).containsEntry("enable.transactional.statestores", "false");
  }

  @Test
  void shouldLetStreamsCommitAtItsIntervalAndWakeAtHalfTheAwaitedInterval() {
    Properties props =
        StreamsAppConfig.from(Settings.layer(DEFAULTS, Map.of()), "app").streamsProperties();

    assertThat(props).containsEntry("commit.interval.ms", "250").containsEntry("poll.ms", "10");
  }
}
