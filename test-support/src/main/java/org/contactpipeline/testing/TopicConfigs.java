package org.contactpipeline.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/** Changes a topic's configuration the way an operator would, for tests of what checks it. */
public final class TopicConfigs {

  private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

  private TopicConfigs() {}

  /**
   * Sets {@code name} to {@code value} on {@code topic} and returns once the broker describes it
   * so: a broker applies a change from its metadata log, a moment after it acknowledged it.
   */
  public static void set(Admin admin, String topic, String name, String value) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    answer(
        admin
            .incrementalAlterConfigs(
                Map.of(
                    resource,
                    List.of(
                        new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
            .all());
    Poll.until(
        APPLIED_WITHIN,
        () ->
            answer(admin.describeConfigs(List.of(resource)).all()).get(resource).get(name).value(),
        described -> described.equals(value));
  }

  private static <T> T answer(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(APPLIED_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot change or describe a topic's configuration", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
