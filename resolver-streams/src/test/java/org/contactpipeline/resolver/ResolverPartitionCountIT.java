package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver refuses a partition layout it does not own: contact IDs encode their owner
 * partition, so a resolver configured for another count than {@code contact.commands} has must not
 * start.
 */
@Timeout(180)
class ResolverPartitionCountIT {

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
  void shouldRefuseToStartWhenTheCommandsTopicHasAnotherPartitionCount() {
    Settings wrong = broker.settings().with(Map.of("commands.partitions", "7"));

    try (ResolverService resolver = new ResolverService(ResolverConfig.from(wrong))) {
      assertThatThrownBy(resolver::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "has " + broker.settings().string("commands.partitions") + " partitions")
          .hasMessageContaining("commands.partitions is 7");
    }
  }
}
