package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants 1 and 3 across resolver restarts: commands keep arriving while the resolver goes away
 * mid-stream (stopped cleanly, or its process killed with SIGKILL so that open transactions abort
 * and are replayed) and comes back; afterwards every command has exactly one result, no key has
 * changed its ID, and no two keys share one.
 */
@Timeout(180)
class ResolverRestartIT {

  private static final int KEYS = 100;
  private static final Duration RESULTS_TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dataDir;

  private static ResolverOnBroker broker;

  @BeforeAll
  static void startBrokerAndResolver() {
    broker = ResolverOnBroker.start(dataDir);
    broker.startResolver();
  }

  @AfterAll
  static void stopResolverAndBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldChangeNoIdAndLoseNoCommandWhenTheResolverStopsAndStartsMidStream() {
    Run run = new Run();

    run.publishRound("a");
    run.awaitSomeResultsOf("a");
    broker.resolver().close();
    run.publishRound("b");
    broker.resolver().start();
    run.publishRound("c");

    run.assertEveryCommandResolvedOnceWithStableIds();
  }

  @Test
  void shouldChangeNoIdAndLoseNoCommandWhenTheResolverProcessIsKilledMidStream() throws Exception {
    Run run = new Run();
    broker.resolver().close();
    Process child = startResolverProcess();
    try {
      run.publishRound("a");
      run.awaitSomeResultsOf("a");
      run.publishRound("b");
    } finally {
      child.destroyForcibly().waitFor();
    }
    broker.resolver().start();
    run.publishRound("c");

    run.assertEveryCommandResolvedOnceWithStableIds();
  }

  /** The production resolver entry point in its own JVM, configured through the environment. */
  private static Process startResolverProcess() throws IOException {
    Path dir = ResolverOnBroker.temporaryDirectory("resolver-child");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ResolverService.class.getName());
    builder.environment().clear();
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    builder
        .environment()
        .put("COMMANDS_PARTITIONS", broker.settings().string("commands.partitions"));
    builder.environment().put("RESOLVER_STATE_DIR", dir.resolve("state").toString());
    // A killed member holds its partitions until its session times out; keep that short.
    builder.environment().put("KAFKA_SESSION_TIMEOUT_MS", "6000");
    // Any free port for its health server: the default 8081 may be taken on a shared machine.
    builder.environment().put("HEALTH_PORT", "0");
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("resolver.log").toFile());
    return builder.start();
  }

  /** Commands of one test run: a known and a fresh key per index, one request per command. */
  private static final class Run {

    private final String id = "restart-" + UUID.randomUUID();
    private final List<ContactKey> known = new ArrayList<>();
    private final List<ContactKey> fresh = new ArrayList<>();
    private final List<String> requestIds = new ArrayList<>();
    private final Map<String, Long> before;

    Run() {
      for (int i = 0; i < KEYS; i++) {
        known.add(new ContactKey(ResolverOnBroker.TENANT, 0, id + "-known-" + i));
        fresh.add(new ContactKey(ResolverOnBroker.TENANT, 0, id + "-fresh-" + i));
      }
      before = broker.establishIds(id + "-before", known, RESULTS_TIMEOUT);
    }

    void publishRound(String round) {
      List<ContactCommand> commands = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        for (ContactKey key : List.of(known.get(i), fresh.get(i))) {
          String requestId = id + "-" + round + "-" + key.getContactKey();
          requestIds.add(requestId);
          commands.add(PipelineTopics.command(requestId, key));
        }
      }
      broker.publish(commands);
    }

    /**
     * Waits until the resolver is visibly working through a round, so what follows is mid-stream.
     */
    void awaitSomeResultsOf(String round) {
      String prefix = id + "-" + round + "-";
      broker.readResults(
          record -> record.key().startsWith(prefix), read -> !read.isEmpty(), RESULTS_TIMEOUT);
    }

    void assertEveryCommandResolvedOnceWithStableIds() {
      Set<String> expected = new HashSet<>(requestIds);
      List<ConsumerRecord<String, ContactResult>> results =
          broker.readResults(
              record -> expected.contains(record.key()),
              read -> read.size() >= expected.size(),
              RESULTS_TIMEOUT);

      assertThat(results)
          .extracting(ConsumerRecord::key)
          .doesNotHaveDuplicates()
          .hasSameSizeAs(expected);
      Map<String, Set<Long>> idsByKey = new HashMap<>();
      for (ConsumerRecord<String, ContactResult> result : results) {
        idsByKey
            .computeIfAbsent(result.value().getKey().getContactKey(), k -> new HashSet<>())
            .add(result.value().getContactId());
      }
      assertThat(idsByKey).hasSize(2 * KEYS);
      assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
      before.forEach(
          (key, contactId) -> assertThat(idsByKey.get(key)).as(key).containsExactly(contactId));
      assertThat(idsByKey.values().stream().map(ids -> ids.iterator().next()).toList())
          .doesNotHaveDuplicates();
    }
  }
}
