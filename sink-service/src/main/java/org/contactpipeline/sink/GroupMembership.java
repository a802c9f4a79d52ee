package org.contactpipeline.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsAppConfig;

/**
 * How each of the sink's consumers (materializer, operation recorder, job recorder, job item
 * recorder; each in a group of its own) belongs to its consumer group, so that a killed sink's
 * partitions are written again within seconds.
 *
 * <p>With {@code SINK_INSTANCE_ID} every consumer is a static member under that id: a sink started
 * again under it replaces its dead self in each group and takes its partitions back at once,
 * without a rebalance. Without one (dynamic members) a killed sink's member holds its partitions
 * until its session times out, and a sink killed while its group rebalances leaves a member the
 * group waits for: the chaos test's long run saw the materializer's group make no progress for ten
 * minutes, two rounds of Kafka's 5-minute rebalance timeout, while the table fell half its contacts
 * behind. The shorter session and rebalance timeouts bound what any dead member can hold.
 *
 * @param instanceId empty for dynamic membership
 */
record GroupMembership(String instanceId, Duration sessionTimeout) {

  /** The resolver's: a supervisor restarts a process within seconds. */
  static final Duration DEFAULT_SESSION_TIMEOUT = StreamsAppConfig.DEFAULT_SESSION_TIMEOUT;

  /**
   * The rebalance timeout: how long a group waits for a member to rejoin. A consumer of the sink
   * polls again within its database write and a retry's backoff (seconds); one that overruns this
   * leaves the group, its commit fails and its records are written again, which is harmless.
   * Kafka's default of 5 minutes is what a dead member cost each round.
   */
  static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(60);

  static final Map<String, String> DEFAULTS =
      Map.of(
          "sink.instance-id",
          "",
          "sink.session-timeout-ms",
          Long.toString(DEFAULT_SESSION_TIMEOUT.toMillis()));

  static GroupMembership from(Settings settings) {
    return new GroupMembership(
        settings.string("sink.instance-id").trim(), settings.millis("sink.session-timeout-ms"));
  }

  static GroupMembership dynamic() {
    return new GroupMembership("", DEFAULT_SESSION_TIMEOUT);
  }

  /**
   * Consumer settings for membership; Kafka client settings given explicitly ({@code
   * KAFKA_SESSION_TIMEOUT_MS}, {@code KAFKA_GROUP_INSTANCE_ID}, …) win over them.
   */
  Map<String, Object> consumerSettings(Map<String, Object> explicit) {
    Map<String, Object> settings = new HashMap<>();
    if (!instanceId.isEmpty()) {
      // Unique within each group: every consumer of the sink is in a group of its own.
      settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }
    Object explicitSession = explicit.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    long session =
        explicitSession == null
            ? sessionTimeout.toMillis()
            : Long.parseLong(explicitSession.toString().trim());
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
    // The broker expects at least three heartbeats per session.
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(250, session / 4));
    settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_POLL_INTERVAL.toMillis());
    settings.keySet().removeAll(explicit.keySet());
    return settings;
  }
}
