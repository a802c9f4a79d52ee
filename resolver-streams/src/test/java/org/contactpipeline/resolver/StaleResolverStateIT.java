package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.contactpipeline.resolver.IdentityLedger.Kind;
import org.contactpipeline.resolver.IdentityLedger.Violation;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StandbyRebalanceIT} can fail: this reproduces what KAFKA-14172 did to an exactly-once
 * application, an instance deciding from stale state that Streams believes current, and requires
 * the same checks to find the IDs it gives twice.
 *
 * <p>The same two instances, standbys and cached stores, commands streaming in. Instance A stops
 * and a copy of its stores is taken; A comes back, and more keys are decided (on both instances, so
 * A's standbys follow them too). Both stop; A's stores are replaced by the copy, which is made to
 * claim the changelog offsets of the stores it replaces ({@link StaleStoreCopy}: Streams would
 * otherwise restore what it missed). A then runs alone: every task is active on stores that miss
 * the keys decided since the copy, and each ID sequence resumes where the copy left it. New keys
 * get the IDs those keys already have (an ID on two keys), and those keys, sent again after them,
 * get new ones (a key with two IDs).
 */
@Timeout(180)
class StaleResolverStateIT {

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  /** Commands acknowledged in each phase before it ends: enough for keys on every partition. */
  private static final int COMMANDS_PER_PHASE = 300;

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
  void shouldFindIdsGivenTwiceWhenAnInstanceDecidesFromStaleStoresItBelievesCurrent() {
    IdentityLedger ledger = new IdentityLedger();
    try (ResolverInstance a = broker.instance("a", StoreCaching.ON);
        ResolverInstance b = broker.instance("b", StoreCaching.ON);
        CommandStream commands = new CommandStream(broker.bootstrapServers(), 20, 5);
        ResolverOutputs outputs = new ResolverOutputs(broker.bootstrapServers(), ledger)) {
      a.start();
      b.start();
      broker.awaitSettled(commands, outputs, a, b);
      commands.start();
      commands.awaitMoreAccepted(COMMANDS_PER_PHASE, SETTLE_TIMEOUT);
      broker.awaitSettled(commands, outputs, a, b);

      a.stop();
      broker.awaitSettled(commands, outputs, b);
      StaleStoreCopy stale = StaleStoreCopy.of(a.stateDir(), dataDir.resolve("stale-copy-of-a"));
      int keysBeforeCopy = commands.keysSent().size();
      a.start();
      broker.awaitSettled(commands, outputs, a, b);
      commands.awaitMoreAccepted(COMMANDS_PER_PHASE, SETTLE_TIMEOUT);
      commands.stop();
      broker.awaitSettled(commands, outputs, a, b);
      List<ContactKey> keys = commands.keysSent();
      List<ContactKey> decidedSinceCopy = keys.subList(keysBeforeCopy, keys.size());

      a.stop();
      b.stop();
      assertThat(stale.putBackClaimingCurrent(a.stateDir()))
          .as("stores of A that miss what was decided since the copy")
          .isPositive();
      a.start();
      broker.awaitSettled(commands, outputs, a);
      commands.start();
      commands.awaitMoreAccepted(COMMANDS_PER_PHASE, SETTLE_TIMEOUT);
      commands.stop();
      commands.publish(decidedSinceCopy);
      List<String> accepted = commands.accepted();
      outputs.readAllFor(accepted, SETTLE_TIMEOUT);

      assertThat(ledger.violations(accepted))
          .extracting(Violation::kind)
          .contains(Kind.ID_ON_SEVERAL_KEYS, Kind.KEY_WITH_SEVERAL_IDS);
    }
  }
}
