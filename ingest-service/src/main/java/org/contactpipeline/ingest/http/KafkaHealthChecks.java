package org.contactpipeline.ingest.http;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;

/**
 * Health checks that ask the broker: is it reachable, and does a group have live members in a
 * stable state. The group check is how a stand-alone ingest instance sees the resolver, the
 * materializer and the operation recorder running in other processes.
 */
public final class KafkaHealthChecks {

  private static final long TIMEOUT_SECONDS = 2;

  private KafkaHealthChecks() {}

  public static HealthCheck broker(Admin admin) {
    return check(
        "kafka",
        () -> {
          Collection<?> nodes =
              admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          return nodes.isEmpty()
              ? HealthStatus.down("no brokers")
              : HealthStatus.up(nodes.size() + " broker(s)");
        });
  }

  /**
   * Ready when the group (a Streams application id, or a plain consumer group) is stable with
   * members.
   */
  public static HealthCheck consumerGroup(Admin admin, String groupId) {
    return check(
        groupId,
        () -> {
          ConsumerGroupDescription group =
              admin
                  .describeConsumerGroups(List.of(groupId))
                  .all()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                  .get(groupId);
          boolean running = group.groupState() == GroupState.STABLE && !group.members().isEmpty();
          String detail = group.groupState() + " with " + group.members().size() + " member(s)";
          return running ? HealthStatus.up(detail) : HealthStatus.down(detail);
        });
  }

  private interface Probe {
    HealthStatus run() throws ExecutionException, InterruptedException, TimeoutException;
  }

  private static HealthCheck check(String name, Probe probe) {
    return HealthCheck.of(
        name,
        () -> {
          try {
            return probe.run();
          } catch (ExecutionException e) {
            return HealthStatus.down(e.getCause().getMessage());
          } catch (TimeoutException e) {
            return HealthStatus.down("no answer within " + TIMEOUT_SECONDS + " s");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
          }
        });
  }
}
