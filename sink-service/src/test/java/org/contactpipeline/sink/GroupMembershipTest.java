package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.contactpipeline.config.Settings;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

  private static Map<String, Object> consumerOf(Map<String, String> environment) {
    SinkConfig config = SinkConfig.from(Settings.layer(SinkConfig.DEFAULTS, environment));
    return TopicToTable.consumerProperties(config, "some-group");
  }

  @Test
  void shouldJoinAsAStaticMemberUnderTheSinksInstanceId() {
    Map<String, Object> consumer = consumerOf(Map.of("SINK_INSTANCE_ID", "contact-sink-0"));

    assertThat(consumer)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "contact-sink-0")
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "some-group");
  }

  @Test
  void shouldJoinAsADynamicMemberWithoutAnInstanceId() {
    assertThat(consumerOf(Map.of())).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void shouldBoundWhatADeadMemberHoldsBySessionAndRebalanceTimeouts() {
    Map<String, Object> consumer = consumerOf(Map.of());

    assertThat(consumer)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_500)
        .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 60_000);
  }

  @Test
  void shouldTakeTheSessionTimeoutFromItsOwnSetting() {
    Map<String, Object> consumer = consumerOf(Map.of("SINK_SESSION_TIMEOUT_MS", "20000"));

    assertThat(consumer)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 20_000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 5_000);
  }

  @Test
  void shouldLetExplicitKafkaClientSettingsWin() {
    Map<String, String> environment = new HashMap<>();
    environment.put("SINK_INSTANCE_ID", "contact-sink-0");
    environment.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
    environment.put("KAFKA_MAX_POLL_INTERVAL_MS", "120000");

    Map<String, Object> consumer = consumerOf(environment);

    assertThat(consumer)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000")
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500)
        .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "120000");
  }
}
