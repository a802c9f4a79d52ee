package org.contactpipeline.pipeline;

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
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A SIGKILL can leave a RocksDB store without its MANIFEST; the resolver must rebuild such state
 * from its changelog instead of failing every start (issue 8 saw thirteen exits in a row). This
 * breaks every store of the resolver the same way, restarts it, and requires it to be RUNNING after
 * at most one more start (the one a supervisor gives a process that exited), with every contact
 * keeping its ID.
 */
class CorruptedResolverStateIT {

  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);

  @Test
  @Timeout(240)
  void shouldRebuildStateWithoutManifestFromTheChangelogAndKeepEveryId() throws IOException {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "demo-token");
    List<String> keys = List.of("corrupt-" + UUID.randomUUID(), "corrupt-" + UUID.randomUUID());
    Map<String, Long> before = api.establishIds(keys);

    stack.resolver().close();
    Path stateDir = Path.of(stack.services().string("resolver.state-dir"));
    List<Path> manifests = manifestsUnder(stateDir);
    assertThat(manifests).as("RocksDB manifests under " + stateDir).isNotEmpty();
    for (Path manifest : manifests) {
      Files.delete(manifest);
    }

    int starts = startUntilRunning(stack, 2);

    assertThat(starts).isLessThanOrEqualTo(2);
    assertThat(api.establishIds(keys)).isEqualTo(before);
  }

  /**
   * Starts the resolver as a supervisor would: again after it died, at most {@code maxStarts}
   * times.
   */
  private static int startUntilRunning(LocalStack stack, int maxStarts) {
    for (int start = 1; start <= maxStarts; start++) {
      stack.resolver().start();
      KafkaStreams.State state =
          Poll.until(
              RUNNING_TIMEOUT,
              () -> stack.resolver().state(),
              now ->
                  now == KafkaStreams.State.RUNNING
                      || now == KafkaStreams.State.ERROR
                      || now == KafkaStreams.State.NOT_RUNNING);
      if (state == KafkaStreams.State.RUNNING) {
        return start;
      }
      stack.resolver().close();
    }
    throw new AssertionError("the resolver was not RUNNING after " + maxStarts + " starts");
  }

  private static List<Path> manifestsUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.getFileName().toString().startsWith("MANIFEST-")).toList();
    }
  }
}
