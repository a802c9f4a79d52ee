package org.contactpipeline.ingest;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.DatabaseHealth;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.health.SchemaRegistryHealth;
import org.contactpipeline.ingest.http.Backpressure;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.HttpsListener;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.KafkaHealthChecks;
import org.contactpipeline.ingest.pipeline.CommandPublisher;
import org.contactpipeline.ingest.pipeline.JobPublisher;
import org.contactpipeline.ingest.pipeline.ReplyListener;
import org.contactpipeline.logging.ServiceLogging;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.store.JdbcContactStore;
import org.contactpipeline.store.JdbcJobStore;
import org.contactpipeline.store.ReadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of one ingest instance: Kafka clients first, then the HTTP server; closed in the
 * reverse order so no request is accepted without a producer to take it.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final IngestConfig config;
  private final List<HealthCheck> extraChecks;
  private final Clock clock;
  private final ServiceMetrics metrics = ServiceMetrics.create("ingest");
  private Admin admin;
  private CommandPublisher publisher;
  private JobPublisher jobPublisher;
  private ReplyListener replies;
  private HikariDataSource readPool;
  private Javalin server;

  /**
   * @param extraChecks readiness conditions known in-process (an embedding stack passes its Streams
   *     applications and database); when empty, the consumer groups named in config are checked via
   *     Kafka
   */
  public IngestService(IngestConfig config, List<HealthCheck> extraChecks) {
    this(config, extraChecks, Clock.systemDefaultZone());
  }

  /**
   * @param clock what access tokens expire by and iVvy request dates are judged against (tests move
   *     it)
   */
  public IngestService(IngestConfig config, List<HealthCheck> extraChecks, Clock clock) {
    this.config = config;
    this.extraChecks = List.copyOf(extraChecks);
    this.clock = clock;
  }

  public synchronized void start() {
    admin = Admin.create(config.kafkaClient());
    publisher = new CommandPublisher(config.kafkaClient(), config.wireFormat());
    publisher.bindMetrics(metrics);
    jobPublisher = new JobPublisher(config.kafkaClient(), config.wireFormat());
    jobPublisher.bindMetrics(metrics);
    replies = new ReplyListener(config.kafkaClient(), config.instanceId(), config.wireFormat());
    replies.bindMetrics(metrics);
    replies.start(START_TIMEOUT);
    readPool = ReadPool.open(config.database(), metrics.registry());
    server =
        IngestApp.create(
            config.httpPort(),
            JsonMappers.vendorJson(),
            new HealthEndpoint(healthChecks(), List.of(replyListenerCheck())),
            VendorApis.all(
                config,
                publisher,
                replies,
                new JdbcContactStore(readPool),
                jobPublisher,
                new JdbcJobStore(readPool),
                clock,
                metrics.registry()),
            Backpressure.metered(
                config.backpressure(), metrics.registry(), config.tenantTokens().tenants()),
            metrics,
            config.https());
    server.start();
    if (config.tenantTokens().isEmpty()
        && config.credentials().marketingCloudClients().isEmpty()
        && config.credentials().ivvyKeys().isEmpty()
        && config.credentials().cendynAccounts().isEmpty()) {
      LOG.warn(
          "no credentials configured (auth.tenant-tokens, auth.marketing-cloud.clients, auth.ivvy.keys, "
              + "auth.cendyn.account-tokens): every API request will be refused with 401");
    }
    // Names only: Credentials and TenantTokens never print a secret.
    LOG.info(
        "authentication: static tokens for {}; {}", config.tenantTokens(), config.credentials());
    LOG.info(
        "ingest {} listening on port {}{}",
        config.instanceId(),
        server.port(),
        httpsPort().isPresent() ? ", HTTPS on port " + httpsPort().getAsInt() : "");
  }

  private List<HealthCheck> healthChecks() {
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(KafkaHealthChecks.broker(admin));
    checks.add(replyListenerCheck());
    // Commands need this release's schema id before they can be written (never, without a
    // registry).
    checks.add(SchemaRegistryHealth.of(config.wireFormat()));
    if (extraChecks.isEmpty()) {
      config
          .healthGroups()
          .forEach(group -> checks.add(KafkaHealthChecks.consumerGroup(admin, group)));
      checks.add(DatabaseHealth.of(readPool));
    } else {
      checks.addAll(extraChecks);
    }
    return checks;
  }

  private HealthCheck replyListenerCheck() {
    return HealthCheck.of(
        "reply-listener",
        () ->
            replies.isListening()
                ? HealthStatus.up(replies.waitingCount() + " waiting")
                : HealthStatus.down("not listening"));
  }

  /** The bound HTTP port (useful when configured as 0). */
  public synchronized int port() {
    return server.port();
  }

  /** The bound HTTPS port; empty while {@code https.keystore} is not set. */
  public synchronized OptionalInt httpsPort() {
    return HttpsListener.boundPort(server.jettyServer().server());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
    if (replies != null) {
      replies.close();
      replies = null;
    }
    if (readPool != null) {
      readPool.close();
      readPool = null;
    }
    if (jobPublisher != null) {
      jobPublisher.close();
      jobPublisher = null;
    }
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    metrics.close();
  }

  /** Runs one ingest instance: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    ServiceLogging.identify("ingest-service");
    IngestService service =
        new IngestService(IngestConfig.from(Settings.load(IngestConfig.DEFAULTS)), List.of());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
    service.start();
  }
}
