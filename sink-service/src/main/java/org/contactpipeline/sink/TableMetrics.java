package org.contactpipeline.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.metrics.ServiceMetrics;

/**
 * What one {@link TopicToTable} consumer reports: rows written (their rate is the rows/s), items
 * per database transaction, failed database transactions by kind, dead letters by a bounded reason,
 * and its Kafka consumer's own metrics, whose records lag is how far the table is behind its topic.
 */
final class TableMetrics {

  private final String consumerName;
  private final ServiceMetrics service;
  private final Counter rows;
  private final DistributionSummary batchSize;
  private final Map<String, Counter> deadLetters;
  private final Map<String, Counter> databaseErrors;

  private TableMetrics(String consumerName, ServiceMetrics service, MeterRegistry registry) {
    this.consumerName = consumerName;
    this.service = service;
    this.rows =
        Counter.builder(MetricNames.ROWS_WRITTEN).tag("consumer", consumerName).register(registry);
    this.batchSize =
        DistributionSummary.builder(MetricNames.BATCH_SIZE)
            .tag("consumer", consumerName)
            .register(registry);
    // Both reasons exist from the start, so a dashboard shows 0 rather than no data.
    this.deadLetters =
        Map.of(
            MetricNames.REASON_UNDECODABLE,
                deadLetterCounter(registry, MetricNames.REASON_UNDECODABLE),
            MetricNames.REASON_REFUSED_BY_DATABASE,
                deadLetterCounter(registry, MetricNames.REASON_REFUSED_BY_DATABASE));
    this.databaseErrors =
        Map.of(
            MetricNames.KIND_TRANSIENT, databaseErrorCounter(registry, MetricNames.KIND_TRANSIENT),
            MetricNames.KIND_PERMANENT, databaseErrorCounter(registry, MetricNames.KIND_PERMANENT));
  }

  static TableMetrics of(String consumerName, ServiceMetrics service) {
    return new TableMetrics(consumerName, service, service.registry());
  }

  /** For tests of the copying logic: counts into a registry nobody scrapes. */
  static TableMetrics none(String consumerName) {
    return in(consumerName, new SimpleMeterRegistry());
  }

  /** For tests of what is counted: counts into {@code registry}, binds no Kafka consumer. */
  static TableMetrics in(String consumerName, MeterRegistry registry) {
    return new TableMetrics(consumerName, null, registry);
  }

  private Counter deadLetterCounter(MeterRegistry registry, String reason) {
    return Counter.builder(MetricNames.DEAD_LETTERS)
        .tag("consumer", consumerName)
        .tag("reason", reason)
        .register(registry);
  }

  private Counter databaseErrorCounter(MeterRegistry registry, String kind) {
    return Counter.builder(MetricNames.DATABASE_ERRORS)
        .tag("consumer", consumerName)
        .tag("kind", kind)
        .register(registry);
  }

  Consumer<byte[], byte[]> bound(Consumer<byte[], byte[]> consumer) {
    if (service != null) {
      service.bindConsumer(consumer, consumerName);
    }
    return consumer;
  }

  void written(int items) {
    rows.increment(items);
    batchSize.record(items);
  }

  void deadLettered(String reason) {
    deadLetters.get(reason).increment();
  }

  /** A database transaction failed: {@link MetricNames#KIND_TRANSIENT} or permanent. */
  void databaseError(String kind) {
    databaseErrors.get(kind).increment();
  }
}
