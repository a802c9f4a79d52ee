package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many records the broker appended to each topic, from its own per-topic counters in this JVM
 * (the local stack runs the broker in-process): what a load costs in Kafka writes, topic by topic.
 * Kafka's internal topics (consumer offsets, transaction state) are left out; Kafka Streams' store
 * changelogs are counted with the rest.
 */
final class KafkaRecordsWritten {

  private final Map<String, Double> byTopic;

  private KafkaRecordsWritten(Map<String, Double> byTopic) {
    this.byTopic = byTopic;
  }

  /** The broker's per-topic record counts now. */
  static KafkaRecordsWritten now() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Double> byTopic = new TreeMap<>();
    for (ObjectName name :
        server.queryNames(
            new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=*"),
            null)) {
      String topic = name.getKeyProperty("topic");
      if (!topic.startsWith("__")) {
        byTopic.put(topic, ((Number) server.getAttribute(name, "Count")).doubleValue());
      }
    }
    return new KafkaRecordsWritten(byTopic);
  }

  /**
   * Records appended since {@code earlier}, per contact, by topic (topics that gained none left
   * out).
   */
  PerContact since(KafkaRecordsWritten earlier, long contacts) {
    Map<String, Double> perContact = new TreeMap<>();
    byTopic.forEach(
        (topic, count) -> {
          double added = count - earlier.byTopic.getOrDefault(topic, 0.0);
          if (added > 0) {
            perContact.put(topic, added / contacts);
          }
        });
    return new PerContact(perContact);
  }

  /** Records per contact by topic. */
  record PerContact(Map<String, Double> byTopic) {

    double total() {
      return byTopic.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public String toString() {
      return byTopic.entrySet().stream()
          .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
          .collect(Collectors.joining(", "));
    }
  }
}
