package org.contactpipeline.resolver;

import io.micrometer.core.instrument.Gauge;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsApp;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.health.SchemaRegistryHealth;
import org.contactpipeline.logging.ServiceLogging;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lifecycle of the resolver: checks the topics' layout, then runs the topology until closed. */
public final class ResolverService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResolverService.class);

  private final ResolverConfig config;
  private final Runnable onFatalError;
  private final StoreCaching storeCaching;
  private final ServiceMetrics metrics = ServiceMetrics.create("resolver");
  private volatile boolean closed;
  private StreamsApp streams;

  public ResolverService(ResolverConfig config) {
    this(config, () -> {});
  }

  /**
   * @param onFatalError called once if the topology dies for good (state ERROR); a stand-alone
   *     process exits so that its supervisor restarts it
   */
  public ResolverService(ResolverConfig config, Runnable onFatalError) {
    this(config, onFatalError, StoreCaching.OFF);
  }

  /**
   * @param storeCaching {@link StoreCaching#OFF} in production; tests that prove the invariants
   *     with Streams' record cache in front of the stores switch it on
   */
  ResolverService(ResolverConfig config, Runnable onFatalError, StoreCaching storeCaching) {
    this.config = config;
    this.onFatalError = onFatalError;
    this.storeCaching = storeCaching;
    // Every dead-letter reason at 0 before the first start: an alert sees the first one as an
    // increase.
    DeadLetterCounts.in(metrics.registry());
    // Over this service, not one KafkaStreams: a restarted resolver keeps reporting its state.
    for (KafkaStreams.State each : KafkaStreams.State.values()) {
      Gauge.builder(MetricNames.STREAMS_STATE, this, service -> service.state() == each ? 1 : 0)
          .tag("state", each.name())
          .register(metrics.registry());
    }
  }

  /**
   * Starts processing; fails fast when a topic is laid out in a way that would break identity
   * ({@link TopicPreflight}). With a schema registry it first waits until the registry holds this
   * release's schemas (schema-init), reporting not ready meanwhile: a write without its schema ID
   * would fail.
   */
  public void start() {
    closed = false;
    if (!config.wireFormat().awaitWriterIds(() -> closed)) {
      return;
    }
    startStreams();
  }

  private synchronized void startStreams() {
    if (closed) {
      return;
    }
    new TopicPreflight(config).check();
    DeadLetterCounts deadLetters = DeadLetterCounts.in(metrics.registry());
    streams =
        StreamsApp.start(
            "resolver-streams",
            ResolverTopology.build(config, metrics.registry(), storeCaching),
            config.streams(),
            onFatalError,
            () -> deadLetters.count(MetricNames.REASON_UNDECODABLE));
    streams.bindMetrics(metrics);
  }

  /**
   * Ready when the registry holds every schema this resolver writes (always, without a registry).
   */
  public HealthCheck schemaRegistryCheck() {
    return SchemaRegistryHealth.of(config.wireFormat());
  }

  /**
   * This service's metrics, served at {@code /metrics} on the health port. They outlive {@link
   * #close} (a closed resolver can be started again, and reports its state meanwhile): whoever runs
   * the resolver closes them at the end, which stops their JVM listeners.
   */
  public ServiceMetrics metrics() {
    return metrics;
  }

  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  public HealthCheck healthCheck() {
    return HealthCheck.of(
        "resolver-streams",
        () -> {
          KafkaStreams.State state = state();
          return state == KafkaStreams.State.RUNNING
              ? HealthStatus.up(state.name())
              : HealthStatus.down(state.name());
        });
  }

  /**
   * Live while the Streams threads work (starting, rebalancing or running); what a supervisor
   * restarts on.
   */
  public HealthCheck liveCheck() {
    return HealthCheck.of(
        "resolver-streams",
        () -> {
          KafkaStreams.State state = state();
          return StreamsApp.isAlive(state)
              ? HealthStatus.up(state.name())
              : HealthStatus.down(state.name());
        });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (streams != null) {
      streams.close();
      streams = null;
    }
  }

  /** Runs the resolver alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    ServiceLogging.identify("resolver-streams");
    Settings settings = Settings.load(ResolverConfig.DEFAULTS);
    ResolverConfig config = ResolverConfig.from(settings);
    ResolverService service = new ResolverService(config, ExitProcess::afterFatalError);
    // Up before the topology, so that a supervisor sees "not ready yet" rather than nothing.
    HealthServer health =
        HealthServer.start(
            new InetSocketAddress(settings.integer("health.port")),
            List.of(service.liveCheck()),
            List.of(service.schemaRegistryCheck(), service.healthCheck()),
            service.metrics()::scrape);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  health.close();
                  service.metrics().close();
                },
                "resolver-shutdown"));
    service.start();
    LOG.info(
        "resolver-streams started with {}",
        Map.of(
            "commands.partitions",
            config.commandsPartitions(),
            "commit.interval.ms",
            config.streams().commitInterval().toMillis(),
            "wire format",
            config.wireFormat()));
  }
}
