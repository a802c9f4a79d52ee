package org.contactpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The topic layout without a broker; {@link LocalKafkaIT} applies it to a real one. */
class TopicLayoutTest {

  private final Map<String, NewTopic> layout =
      TopicLayout.layout(12, 6).stream()
          .collect(Collectors.toMap(NewTopic::name, Function.identity()));

  @Test
  void shouldCoverEveryTopicOfTheCatalogueOnce() {
    assertThat(layout.keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
  }

  @Test
  void shouldPartitionChangelogLikeCommandsAndCompactIt() {
    assertThat(layout.get("contact.commands").numPartitions()).isEqualTo(12);
    assertThat(layout.get("contact.changelog").numPartitions()).isEqualTo(12);
    assertThat(layout.get("contact.changelog").configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(layout.get("contact.commands").configs()).isNullOrEmpty();
  }

  @Test
  void shouldGiveResultsTheOtherCountAndDeadLettersOnePartition() {
    assertThat(layout.get("contact.results").numPartitions()).isEqualTo(6);
    assertThat(layout.get("contact.dead-letters").numPartitions()).isEqualTo(1);
    assertThat(layout.values())
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 1));
  }

  @Test
  void shouldKeepReplayMarkersOnOneCompactedPartition() {
    assertThat(layout.get("contact.dead-letters.replays").numPartitions()).isEqualTo(1);
    assertThat(layout.get("contact.dead-letters.replays").configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(layout.get("contact.dead-letters").configs()).isNullOrEmpty();
  }

  @Test
  void shouldRejectNonPositivePartitionCounts() {
    assertThatThrownBy(() -> TopicLayout.layout(0, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandsPartitions");
  }
}
