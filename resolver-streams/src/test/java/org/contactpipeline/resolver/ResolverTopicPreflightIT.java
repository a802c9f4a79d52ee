package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.testing.TopicConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver refuses topics laid out in a way that would break identity ({@link TopicPreflight}):
 * a partition count it does not own (contact IDs encode their owner partition), and a golden-record
 * topic that could lose a contact's record (the golden-record store is restored from it).
 */
@Timeout(180)
class ResolverTopicPreflightIT {

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

  @Test
  void shouldRefuseToStartWhenTheChangelogTopicCouldDeleteGoldenRecordsByAge() {
    try (Admin admin = Admin.create(broker.settings().kafkaClientProperties())) {
      setCleanupPolicy(admin, "compact,delete");
      try (ResolverService resolver = new ResolverService(ResolverConfig.from(broker.settings()))) {
        assertThatThrownBy(resolver::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("contact.changelog has cleanup.policy=compact,delete")
            .hasMessageContaining("Set cleanup.policy=compact");
      } finally {
        setCleanupPolicy(admin, TopicConfig.CLEANUP_POLICY_COMPACT);
      }
    }
  }

  private static void setCleanupPolicy(Admin admin, String policy) {
    TopicConfigs.set(admin, Topics.CHANGELOG.name(), TopicConfig.CLEANUP_POLICY_CONFIG, policy);
  }
}
