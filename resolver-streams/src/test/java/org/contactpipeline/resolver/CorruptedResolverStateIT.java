package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGKILL can leave a RocksDB store without its MANIFEST; the resolver must rebuild such state
 * from its changelog instead of failing every start (issue 8 saw thirteen exits in a row). This
 * breaks every store of the resolver the same way, restarts it, and requires it to be RUNNING after
 * at most one more start (the one a supervisor gives a process that exited), with every contact
 * keeping its ID.
 */
class CorruptedResolverStateIT {

  private static final Duration RESULTS_TIMEOUT = Duration.ofSeconds(60);

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
  @Timeout(240)
  void shouldRebuildStateWithoutManifestFromTheChangelogAndKeepEveryId() throws IOException {
    List<ContactKey> keys =
        List.of(
            new ContactKey(ResolverOnBroker.TENANT, 0, "corrupt-" + UUID.randomUUID()),
            new ContactKey(ResolverOnBroker.TENANT, 0, "corrupt-" + UUID.randomUUID()));
    Map<String, Long> before =
        broker.establishIds("before-" + UUID.randomUUID(), keys, RESULTS_TIMEOUT);

    broker.resolver().close();
    Path stateDir = Path.of(broker.settings().string("resolver.state-dir"));
    List<Path> manifests = manifestsUnder(stateDir);
    assertThat(manifests).as("RocksDB manifests under " + stateDir).isNotEmpty();
    for (Path manifest : manifests) {
      Files.delete(manifest);
    }

    int starts = startUntilRunning(2);

    assertThat(starts).isLessThanOrEqualTo(2);
    assertThat(broker.establishIds("after-" + UUID.randomUUID(), keys, RESULTS_TIMEOUT))
        .isEqualTo(before);
  }

  /**
   * Starts the resolver as a supervisor would: again after it died, at most {@code maxStarts}
   * times.
   */
  private static int startUntilRunning(int maxStarts) {
    for (int start = 1; start <= maxStarts; start++) {
      broker.resolver().start();
      KafkaStreams.State state =
          broker.awaitResolverState(
              now ->
                  now == KafkaStreams.State.RUNNING
                      || now == KafkaStreams.State.ERROR
                      || now == KafkaStreams.State.NOT_RUNNING);
      if (state == KafkaStreams.State.RUNNING) {
        return start;
      }
      broker.resolver().close();
    }
    throw new AssertionError("the resolver was not RUNNING after " + maxStarts + " starts");
  }

  private static List<Path> manifestsUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.getFileName().toString().startsWith("MANIFEST-")).toList();
    }
  }
}
