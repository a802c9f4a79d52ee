package org.contactpipeline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one service, scraped by Prometheus at {@code /metrics}: one registry per service
 * (also inside the local stack, where each service keeps its own registry and its own endpoint,
 * exactly as when it runs alone), tagged {@code service}. Kafka clients are bound here so that
 * every service refreshes their metric lists the same way.
 */
public final class ServiceMetrics implements AutoCloseable {

  /** The Prometheus text format that {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * How often the Kafka binders look for metrics a client registered later (Streams' task metrics
   * appear after assignment, a consumer's lag after its first fetch). Micrometer's default of a
   * minute would leave a fresh service's dashboard empty for that long.
   */
  private static final Duration KAFKA_REFRESH = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

  private final PrometheusMeterRegistry registry;
  private final ScheduledExecutorService kafkaRefresh;
  private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();

  private ServiceMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.kafkaRefresh =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafka-metrics-refresh");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * A registry whose every series carries {@code service="<service>"}, with what an operator asks
   * of any JVM process: memory and heap pressure, GC pauses, threads, classes, JIT time, CPU, open
   * files, uptime. The GC and heap pressure binders listen to the JVM until {@link #close}.
   */
  public static ServiceMetrics create(String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    ServiceMetrics metrics = new ServiceMetrics(registry);
    List.<MeterBinder>of(
            new JvmMemoryMetrics(),
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new JvmCompilationMetrics(),
            new JvmInfoMetrics(),
            new ProcessorMetrics(),
            new FileDescriptorMetrics(),
            new UptimeMetrics())
        .forEach(binder -> binder.bindTo(registry));
    metrics.bind(new JvmGcMetrics());
    metrics.bind(new JvmHeapPressureMetrics());
    return metrics;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every series now, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Binds a producer's own metrics (send rate, errors, request latency) as {@code
   * kafka_producer_*}.
   */
  public void bindProducer(Producer<?, ?> producer, String client) {
    bind(
        new KafkaClientMetrics(
            producer, List.of(Tag.of("client", client)), kafkaRefresh, KAFKA_REFRESH));
  }

  /**
   * Binds a consumer's own metrics (fetch rate, records lag, commit latency) as {@code
   * kafka_consumer_*}.
   */
  public void bindConsumer(Consumer<?, ?> consumer, String client) {
    bind(
        new KafkaClientMetrics(
            consumer, List.of(Tag.of("client", client)), kafkaRefresh, KAFKA_REFRESH));
  }

  /**
   * Binds a binder that holds on to something until closed, and closes it with this: a Kafka binder
   * built with {@link #kafkaRefresh()} (Kafka Streams' own, by the module that has Streams), the GC
   * listeners.
   */
  public <B extends MeterBinder & AutoCloseable> B bind(B binder) {
    binder.bindTo(registry);
    binders.add(binder);
    return binder;
  }

  /** The scheduler and interval Kafka binders refresh on; closed with this. */
  public ScheduledExecutorService kafkaRefresh() {
    return kafkaRefresh;
  }

  public static Duration kafkaRefreshInterval() {
    return KAFKA_REFRESH;
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        LOG.debug("while closing a metrics binder: {}", e.toString());
      }
    }
    binders.clear();
    kafkaRefresh.shutdownNow();
    registry.close();
  }
}
