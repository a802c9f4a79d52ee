package org.contactpipeline.stack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.resolver.ResolverService;
import org.contactpipeline.schemas.registry.SchemaInit;
import org.contactpipeline.schemas.registry.SchemaRegistryClient;
import org.contactpipeline.sink.SinkConfig;
import org.contactpipeline.sink.SinkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process on real parts: a KRaft broker and PostgreSQL started from Maven
 * Central artifacts, the topics, then resolver, sink and ingest. This is what the README's run
 * command starts and what the integration tests run against. Closing stops everything in reverse
 * order; a second start on the same data directory carries on with the same data.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final StackConfig config;
  private final List<AutoCloseable> started = new ArrayList<>();
  private String bootstrapServers;
  private LocalSchemaRegistry registry;
  private Settings services;
  private ResolverService resolver;
  private LocalPostgres postgres;
  private SinkService sink;
  private IngestService ingest;
  private HealthServer resolverHealth;
  private HealthServer sinkHealth;
  private List<HealthCheck> healthChecks;

  private LocalStack(StackConfig config) {
    this.config = config;
  }

  /** Starts every part and returns once all health checks pass. */
  public static LocalStack start(StackConfig config) {
    LocalStack stack = new LocalStack(config);
    try {
      stack.startParts();
      stack.awaitReady();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startParts() {
    bootstrapServers =
        config.externalKafka().isEmpty()
            ? remember(LocalKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort()))
                .bootstrapServers()
            : config.externalKafka();
    Map<String, String> overrides =
        new java.util.HashMap<>(
            Map.of(
                "kafka.bootstrap.servers",
                bootstrapServers,
                "resolver.state-dir",
                config.dataDir().resolve("resolver").toString()));
    if (config.externalDatabaseUrl().isEmpty()) {
      postgres =
          remember(
              LocalPostgres.start(config.dataDir().resolve("postgres"), config.postgresPort()));
      overrides.putAll(
          Map.of(
              "database.url",
              postgres.jdbcUrl(),
              "database.user",
              postgres.user(),
              "database.password",
              postgres.password()));
    }
    if (config.runsSchemaRegistry()) {
      Settings database = config.services().with(overrides);
      registry =
          remember(
              LocalSchemaRegistry.start(
                  LocalSchemaRegistry.findRunnerJar(config.schemaRegistryJar()),
                  config.dataDir().resolve("schema-registry"),
                  database.string("database.url"),
                  database.string("database.user"),
                  database.string("database.password"),
                  config.schemaRegistryPort()));
      overrides.put("schema.registry.url", registry.url());
    }
    services = config.services().with(overrides);
    TopicLayout.ensureTopics(
        services.kafkaClientProperties(), config.commandsPartitions(), config.otherPartitions());
    String registryUrl = services.string("schema.registry.url", "");
    if (!registryUrl.isEmpty()) {
      // The deployment step docker-compose runs as its schema-init service: the services only look
      // up.
      SchemaInit.run(SchemaRegistryClient.at(registryUrl));
    }

    ResolverService newResolver = new ResolverService(ResolverConfig.from(services));
    // Its metrics outlive a stopped resolver (which may start again): closed after it.
    remember(newResolver.metrics());
    resolver = remember(newResolver);
    resolver.start();
    sink = remember(new SinkService(SinkConfig.from(services)));
    sink.start();
    healthChecks =
        List.of(resolver.healthCheck(), sink.consumersHealthCheck(), sink.databaseHealthCheck());
    // Each service keeps its own registry and port, as when it runs alone, so the dashboard and
    // Prometheus see the same three targets here as on docker-compose. Loopback only: a demo stack.
    resolverHealth =
        remember(
            HealthServer.start(
                loopback(services.integer("stack.resolver-health-port")),
                List.of(resolver.liveCheck()),
                List.of(resolver.schemaRegistryCheck(), resolver.healthCheck()),
                resolver.metrics()::scrape));
    sinkHealth =
        remember(
            HealthServer.start(
                loopback(services.integer("stack.sink-health-port")),
                List.of(sink.liveCheck()),
                List.of(
                    sink.consumersHealthCheck(),
                    sink.databaseHealthCheck(),
                    sink.schemaRegistryCheck()),
                sink.metrics()::scrape));
    ingest = remember(new IngestService(IngestConfig.from(services), healthChecks));
    ingest.start();
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private <T extends AutoCloseable> T remember(T part) {
    started.add(part);
    return part;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<String> waitingFor = notReady();
    while (!waitingFor.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the stack did not become ready within "
                + READY_TIMEOUT
                + "; not ready: "
                + waitingFor);
      }
      pause();
      waitingFor = notReady();
    }
  }

  private List<String> notReady() {
    List<String> waiting = new ArrayList<>();
    for (HealthCheck check : healthChecks) {
      HealthStatus status = check.check();
      if (!status.ready()) {
        waiting.add(check.name() + " (" + status.detail() + ")");
      }
    }
    return waiting;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the stack", e);
    }
  }

  public String httpUrl() {
    return "http://localhost:" + ingest.port();
  }

  /** Ingest's HTTPS URL when {@code HTTPS_KEYSTORE} is set; empty otherwise. */
  public java.util.Optional<String> httpsUrl() {
    java.util.OptionalInt port = ingest.httpsPort();
    return port.isPresent()
        ? java.util.Optional.of("https://localhost:" + port.getAsInt())
        : java.util.Optional.empty();
  }

  /** Ingest's Prometheus endpoint (on its HTTP port). */
  public String ingestMetricsUrl() {
    return httpUrl() + "/metrics";
  }

  /** The resolver's Prometheus endpoint (on its health port). */
  public String resolverMetricsUrl() {
    return "http://127.0.0.1:" + resolverHealth.port() + "/metrics";
  }

  /** The sink's Prometheus endpoint (on its health port). */
  public String sinkMetricsUrl() {
    return "http://127.0.0.1:" + sinkHealth.port() + "/metrics";
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The schema registry the services write with, when the stack runs one or was given one. */
  public java.util.Optional<String> schemaRegistryUrl() {
    String url = services.string("schema.registry.url", "");
    return url.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(url);
  }

  /**
   * The stack's own schema registry (STACK_SCHEMA_REGISTRY=apicurio), to stop and start in tests.
   */
  public java.util.Optional<LocalSchemaRegistry> schemaRegistry() {
    return java.util.Optional.ofNullable(registry);
  }

  /** The settings every service of this stack was started with. */
  public Settings services() {
    return services;
  }

  public ResolverService resolver() {
    return resolver;
  }

  /**
   * Crashes the stack's own PostgreSQL (every server process SIGKILLed), for tests of what the
   * services do while their database is gone; {@link #restartDatabase} brings it back.
   */
  public synchronized void crashDatabase() {
    ownDatabase().crash();
  }

  /** Starts the stack's own PostgreSQL again on its directory and port, after a crash. */
  public synchronized void restartDatabase() {
    LocalPostgres crashed = ownDatabase();
    postgres = crashed.restart();
    started.set(started.indexOf(crashed), postgres);
  }

  /**
   * Makes the stack's own PostgreSQL refuse writes (every new transaction read-only) or accept them
   * again, for tests of what the services do while their database takes reads only.
   */
  public synchronized void setDatabaseReadOnly(boolean readOnly) {
    ownDatabase().setReadOnly(readOnly);
  }

  private LocalPostgres ownDatabase() {
    if (postgres == null) {
      throw new IllegalStateException("this stack uses an external database; it has none to crash");
    }
    return postgres;
  }

  public List<HealthCheck> healthChecks() {
    return healthChecks;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }

  /** Runs the stack until Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    long begin = System.nanoTime();
    StackConfig config = StackConfig.load(System.getenv());
    LocalStack stack = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping the local stack");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-shutdown"));
    double seconds = (System.nanoTime() - begin) / 1e9;
    System.out.printf(
        "%n  Contact pipeline ready in %.1f s%n"
            + "  HTTP API      %s   (health: %s/health, API docs: %s/docs)%n"
            + "%s"
            + "  Metrics       %s  %s  %s%n"
            + "  Kafka         %s%n"
            + "  Wire format   %s%n"
            + "  PostgreSQL    %s%n"
            + "  Data          %s%n"
            + "  DEMO credentials of tenant 'demo' (defaults for this machine only; configure real ones, see README):%n"
            + "    Marketing Cloud  POST %s/v2/token  client_id '%s', client_secret '%s', account_id %s%n"
            + "    iVvy             X-Api-Authorization: IWS %s:<signature>, API secret '%s'%n"
            + "    Cendyn CRM       Authorization: Token token=%s  (account 'demo')%n"
            + "    Static token     Authorization: Bearer demo-token  (service to service, every API)%n"
            + "  Try:          curl -s -X POST %s/contacts/v1/establish -H 'Authorization: Bearer demo-token' "
            + "-H 'Content-Type: application/json' -d '{\"contactKeys\":[\"Key1\",\"Key2\"]}'%n"
            + "  Ctrl-C stops everything.%n%n",
        seconds,
        stack.httpUrl(),
        stack.httpUrl(),
        stack.httpUrl(),
        stack
            .httpsUrl()
            .map(
                url ->
                    String.format(
                        "  HTTPS API     %s   (same routes, keystore HTTPS_KEYSTORE)%n", url))
            .orElse(""),
        stack.ingestMetricsUrl(),
        stack.resolverMetricsUrl(),
        stack.sinkMetricsUrl(),
        stack.bootstrapServers(),
        stack
            .schemaRegistryUrl()
            .map(url -> "Confluent framing, schema registry " + url)
            .orElse(
                "Avro single-object encoding (STACK_SCHEMA_REGISTRY=apicurio for Confluent framing)"),
        stack.services().string("database.url"),
        config.dataDir(),
        stack.httpUrl(),
        StackConfig.DEMO_CLIENT_ID,
        StackConfig.DEMO_CLIENT_SECRET,
        StackConfig.DEMO_MID,
        StackConfig.DEMO_IVVY_KEY,
        StackConfig.DEMO_IVVY_SECRET,
        StackConfig.DEMO_CENDYN_TOKEN,
        stack.httpUrl());
    stopped.await();
  }
}
