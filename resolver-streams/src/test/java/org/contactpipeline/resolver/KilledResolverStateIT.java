package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIGKILL costs the resolver under exactly-once. Without transactional state stores Streams
 * cannot tell whether a store that was open at the kill holds writes of a transaction that then
 * aborted, so it wipes every task and restores all of it from the changelogs; with them (KIP-892,
 * the default) a store only ever holds committed state with the changelog offsets it has, and a
 * restart restores the tail past those offsets.
 *
 * <p>A resolver in its own JVM decides {@link #KEYS} new keys, then commands keep streaming in
 * while it is killed with SIGKILL and started again on the same state directory (its static
 * membership gives it its tasks back at once). The observable is how many records the restart read
 * back from the changelogs before it served again, as the resolver reports it ({@code StreamsApp}'s
 * restore count, logged on RUNNING): with transactional stores a fraction of its state, without
 * them all of it, and Streams' warning that it wipes a task only without them. Then exactly-once
 * must still hold: every command one result, no key two IDs, no ID two keys ({@link
 * IdentityLedger}).
 *
 * <p>Streams writes RocksDB without its write-ahead log, so what survives a kill is what was
 * flushed from memtables to SST files; the stores here use 64 KB memtables ({@link SmallMemtables})
 * so that a few thousand keys flush as production's millions do with the default 16 MB.
 *
 * <p>Each test prints how long the restart took to RUNNING. With {@code
 * -Dresolver.killed.keys=150000} (and {@code -Dresolver.killed.memtables=default} for production's
 * memtables) they measure it at scale.
 */
class KilledResolverStateIT {

  private static final int KEYS = Integer.getInteger("resolver.killed.keys", 20_000);
  private static final boolean SMALL_MEMTABLES =
      !"default".equals(System.getProperty("resolver.killed.memtables"));

  private static final int KEYS_PER_BATCH = 2_000;
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60 + KEYS / 250);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60 + KEYS / 1_000);

  /** What StreamsApp logs when the application serves again. */
  private static final Pattern RUNNING_AFTER_RESTORING =
      Pattern.compile("-> RUNNING, (\\d+) records restored from changelogs");

  /**
   * What Kafka Streams logs when an assigned task's local state is corrupted, before it wipes it.
   * Not "did not find checkpoint offsets": Kafka 4.4 logs that also when it merely opens the stores
   * at start to report their lag (StateDirectory.initializeStartupStores, which ignores the
   * transactional setting and wipes nothing).
   */
  private static final String WIPING_A_TASK = "Encounter corrupted task";

  @TempDir Path dataDir;

  private ResolverOnBroker broker;

  @BeforeEach
  void startBroker() {
    // A broker per test: the ledger reads whole topics, and two applications' IDs would collide.
    broker = ResolverOnBroker.start(dataDir);
  }

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Timeout(600)
  void shouldKeepItsStoresAndGiveNoIdTwiceWhenKilledWithTransactionalStateStores() {
    Restart restart = killAndRestart(true);

    assertThat(restart.log()).doesNotContain(WIPING_A_TASK);
    assertThat(restart.restoredRecords())
        .as("records restored after the kill, with the state of %d keys on disk", KEYS)
        .isLessThan(KEYS / 2);
    assertThat(restart.violations()).isEmpty();
  }

  @Test
  @Timeout(600)
  void shouldRestoreEveryStoreFromTheChangelogsWhenKilledWithoutTransactionalStateStores() {
    Restart restart = killAndRestart(false);

    assertThat(restart.log()).contains(WIPING_A_TASK);
    // Each new key has its golden record in contact.changelog, which restores the store.
    assertThat(restart.restoredRecords())
        .as("records restored after the kill, with the state of %d keys on disk", KEYS)
        .isGreaterThanOrEqualTo(KEYS);
    assertThat(restart.violations()).isEmpty();
  }

  /** What one kill and restart showed. */
  private record Restart(
      long restoredRecords, String log, List<IdentityLedger.Violation> violations) {}

  private Restart killAndRestart(boolean transactional) {
    IdentityLedger ledger = new IdentityLedger();
    Map<String, String> settings =
        SMALL_MEMTABLES
            ? Map.of(
                "resolver.transactional-state-stores",
                Boolean.toString(transactional),
                "kafka.rocksdb.config.setter",
                SmallMemtables.class.getName())
            : Map.of("resolver.transactional-state-stores", Boolean.toString(transactional));
    try (ResolverInstance resolver = broker.instance("killed", StoreCaching.OFF, settings);
        CommandStream commands = new CommandStream(broker.bootstrapServers(), 20, 5);
        ResolverOutputs outputs = new ResolverOutputs(broker.bootstrapServers(), ledger)) {
      resolver.startInOwnJvm();
      broker.awaitSettled(commands, outputs, resolver);
      long loadStarted = System.nanoTime();
      for (List<ContactKey> batch : newKeys()) {
        commands.publish(batch);
      }
      outputs.awaitResults(commands.accepted(), LOAD_TIMEOUT);
      long loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;
      commands.start();
      commands.awaitMoreAccepted(200, SETTLE_TIMEOUT);

      resolver.kill();
      long restarted = System.nanoTime();
      resolver.startInOwnJvm();
      Poll.until(
          SETTLE_TIMEOUT,
          () -> RUNNING_AFTER_RESTORING.matcher(resolver.ownJvmLog()).find(),
          running -> running);
      long runningMillis = (System.nanoTime() - restarted) / 1_000_000;
      broker.awaitSettled(commands, outputs, resolver);
      commands.awaitMoreAccepted(200, SETTLE_TIMEOUT);
      commands.stop();
      List<String> accepted = commands.accepted();
      outputs.readAllFor(accepted, SETTLE_TIMEOUT);

      String log = resolver.ownJvmLog();
      long restored = restoredRecords(log);
      System.out.printf(
          "KilledResolverStateIT: transactional state stores %s, %s memtables, %d keys decided in"
              + " %d ms; killed mid-stream, restarted to RUNNING in %d ms, %d records restored%n",
          transactional,
          SMALL_MEMTABLES ? "64 KB" : "default",
          KEYS,
          loadMillis,
          runningMillis,
          restored);
      return new Restart(restored, log, ledger.violations(accepted));
    }
  }

  /** {@link #KEYS} keys never sent before, in batches published one after another. */
  private static List<List<ContactKey>> newKeys() {
    String run = "killed-" + UUID.randomUUID();
    List<List<ContactKey>> batches = new ArrayList<>();
    for (int first = 0; first < KEYS; first += KEYS_PER_BATCH) {
      List<ContactKey> batch = new ArrayList<>();
      for (int i = first; i < Math.min(KEYS, first + KEYS_PER_BATCH); i++) {
        batch.add(new ContactKey(ResolverOnBroker.TENANT, 0, run + "-" + i));
      }
      batches.add(batch);
    }
    return batches;
  }

  /** Every restore the restarted JVM reported, summed: all of them happened after the kill. */
  private static long restoredRecords(String log) {
    long restored = 0;
    Matcher running = RUNNING_AFTER_RESTORING.matcher(log);
    while (running.find()) {
      restored += Long.parseLong(running.group(1));
    }
    return restored;
  }
}
