package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants 1 to 3 in the shape of Kafka's KAFKA-14172, where an exactly-once application issued
 * IDs again after a rebalance: standby replicas, store caching and the default acceptable recovery
 * lag, with a standby task becoming active on an instance that had run it before (fixed in Kafka by
 * clearing the cache when a standby is recycled to active). The resolver assigns IDs in exactly
 * that shape: a persistent store of key to identity with its ID, and an ID sequence.
 *
 * <p>Two instances with one standby replica each, configured as production configures them except
 * that their stores are cached: production runs them uncached (docs/decisions/0007), so the test
 * switches the record cache on for itself ({@link StoreCaching#ON}), at Streams' default size.
 * Commands for new keys, and repeats of earlier ones, stream in throughout while the instances
 * leave and join: one killed with SIGKILL in its own JVM, so that the other takes its tasks over
 * from standbys, and started again on the state it left; then each stopped cleanly, so that the
 * other's standby tasks become active, and started again, so that tasks move back and active tasks
 * become standbys. After each change every command sent so far must be answered before the next,
 * and the commands keep coming, so every change happens while tasks are busy. At the end, read back
 * from {@code contact.results} and {@code contact.changelog}: every command has exactly one result,
 * no ID belongs to two keys, no key has two IDs ({@link IdentityLedger}).
 *
 * <p>{@link StaleResolverStateIT} proves this can fail: the same checks find the duplicates when an
 * instance decides from stale state.
 */
@Timeout(180)
class StandbyRebalanceIT {

  /** How long the instances have to settle and answer everything sent after each change. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dataDir;

  private static ResolverOnBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = ResolverOnBroker.start(dataDir);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldGiveEveryKeyOneIdAndEveryIdOneKeyWhileInstancesLeaveAndJoin() {
    IdentityLedger ledger = new IdentityLedger();
    try (ResolverInstance a = broker.instance("a", StoreCaching.ON);
        ResolverInstance b = broker.instance("b", StoreCaching.ON);
        CommandStream commands = new CommandStream(broker.bootstrapServers(), 20, 5);
        ResolverOutputs outputs = new ResolverOutputs(broker.bootstrapServers(), ledger)) {
      a.start();
      b.startInOwnJvm();
      broker.awaitSettled(commands, outputs, a, b);
      commands.start();
      commands.awaitMoreAccepted(500, SETTLE_TIMEOUT);
      broker.awaitSettled(commands, outputs, a, b);

      // A crash: once B's session expires, A takes its tasks over from its standbys.
      b.kill();
      broker.awaitSettled(commands, outputs, a);
      // B comes back on what the kill left on disk, and takes tasks back.
      b.start();
      broker.awaitSettled(commands, outputs, a, b);
      // Clean departures both ways: the one staying turns standbys active, then active tasks
      // standbys again when the other returns.
      for (ResolverInstance leaving : List.of(b, a)) {
        leaving.stop();
        broker.awaitSettled(commands, outputs, a == leaving ? b : a);
        leaving.start();
        broker.awaitSettled(commands, outputs, a, b);
      }

      commands.stop();
      List<String> accepted = commands.accepted();
      outputs.readAllFor(accepted, SETTLE_TIMEOUT);

      assertThat(ledger.violations(accepted)).isEmpty();
      assertThat(accepted)
          .as("commands, of which some repeat a key")
          .hasSizeGreaterThan(commands.keysSent().size());
    }
  }
}
