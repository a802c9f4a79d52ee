package org.contactpipeline.config;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Kafka Streams whose metrics, as {@link StreamsApp#bindMetrics} hands them to Micrometer, leave
 * out the one a reader on another thread can crash the JVM with. Kafka 4.4's store gauge {@value
 * #UNSAFE_GAUGE} (transactional state stores) reads the size of the store's RocksDB write batch
 * without a lock; while the store closes (a task moving in a rebalance, a shutdown) the batch is
 * freed before the gauge is unregistered, and a read in between dereferences freed native memory:
 * SIGSEGV in {@code WriteBatch.getDataSize}, seen under Micrometer's metrics refresh in
 * StandbyRebalanceIT. Micrometer reads every metric it is given on its own thread, so this one is
 * not given. It is still registered in Kafka's own registry (JMX): do not scrape it there either.
 */
final class SafelyMeteredKafkaStreams extends KafkaStreams {

  static final String UNSAFE_GAUGE = "uncommitted-bytes";

  SafelyMeteredKafkaStreams(Topology topology, Properties props) {
    super(topology, props);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return super.metrics().entrySet().stream()
        .filter(metric -> !metric.getKey().name().equals(UNSAFE_GAUGE))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
