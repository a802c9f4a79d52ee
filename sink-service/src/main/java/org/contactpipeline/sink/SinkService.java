package org.contactpipeline.sink;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.DatabaseHealth;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.health.SchemaRegistryHealth;
import org.contactpipeline.logging.ServiceLogging;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.ChangelogEntry;
import org.contactpipeline.store.ContactSchema;
import org.contactpipeline.store.ContactTable;
import org.contactpipeline.store.DeleteOperationTable;
import org.contactpipeline.store.JobAnnouncements;
import org.contactpipeline.store.JobCallbackTable;
import org.contactpipeline.store.JobItemTable;
import org.contactpipeline.store.JobRetention;
import org.contactpipeline.store.JobTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of sink-service: migrates the database, then runs until closed the changelog
 * materializer, the operation recorder, and the parts of asynchronous jobs: the job recorder and
 * the job item recorder (which complete jobs), the announcer (contact.job-results), the callback
 * deliverer and the retention sweep. All write through one small connection pool: opening a
 * PostgreSQL session per batch cost more than writing the batch.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

  /** Every thread of the service, by its {@code consumer} tag, in the order health reports them. */
  private static final List<String> THREADS =
      List.of(
          ChangelogMaterializer.NAME,
          OperationRecorder.NAME,
          JobRecorder.NAME,
          JobItemRecorder.NAME,
          JobAnnouncer.NAME,
          CallbackDeliverer.NAME,
          JobRetentionSweep.NAME);

  private final SinkConfig config;
  private final HikariDataSource dataSource;
  private final Runnable onFatalError;
  private final JobResponseBodies bodies;
  private final Clock clock = Clock.systemUTC();
  private final ServiceMetrics metrics = ServiceMetrics.create("sink");
  private final JobMetrics jobMetrics = new JobMetrics(metrics.registry());
  // Volatile: the running gauges read them without the lock, so a scrape never waits for a start.
  private volatile TopicToTable<ChangelogEntry> materializer;
  private volatile TopicToTable<ContactResult> operations;
  private volatile TopicToTable<ContactJob> jobRecorder;
  private volatile TopicToTable<ContactResult> jobItemRecorder;
  private volatile JobAnnouncer announcer;
  private volatile RepeatingTask announcing;
  private volatile RepeatingTask delivering;
  private volatile RepeatingTask sweeping;

  public SinkService(SinkConfig config) {
    this(config, () -> {});
  }

  /**
   * @param onFatalError called if a consumer thread stops unexpectedly; a stand-alone process exits
   *     so that its supervisor restarts it
   */
  public SinkService(SinkConfig config, Runnable onFatalError) {
    this.config = config;
    this.dataSource = WritePool.open(config.database(), metrics.registry());
    this.onFatalError = onFatalError;
    this.bodies = JobResponseBodies.vendorWorded();
    // Over this service, not one consumer thread: a restarted sink keeps reporting.
    for (String consumer : THREADS) {
      Gauge.builder(MetricNames.CONSUMER_RUNNING, this, service -> service.running(consumer))
          .tag("consumer", consumer)
          .register(metrics.registry());
    }
  }

  private double running(String consumer) {
    BooleanSupplier running = threads().get(consumer);
    return running != null && running.getAsBoolean() ? 1 : 0;
  }

  /** Whether each thread runs, by name; a thread not started yet does not. */
  private Map<String, BooleanSupplier> threads() {
    Map<String, BooleanSupplier> threads = new LinkedHashMap<>();
    threads.put(ChangelogMaterializer.NAME, () -> isRunning(materializer));
    threads.put(OperationRecorder.NAME, () -> isRunning(operations));
    threads.put(JobRecorder.NAME, () -> isRunning(jobRecorder));
    threads.put(JobItemRecorder.NAME, () -> isRunning(jobItemRecorder));
    threads.put(JobAnnouncer.NAME, () -> isRunning(announcing));
    threads.put(CallbackDeliverer.NAME, () -> isRunning(delivering));
    threads.put(JobRetentionSweep.NAME, () -> isRunning(sweeping));
    return threads;
  }

  private static boolean isRunning(TopicToTable<?> table) {
    return table != null && table.isRunning();
  }

  private static boolean isRunning(RepeatingTask task) {
    return task != null && task.isRunning();
  }

  public synchronized void start() {
    ContactSchema.migrate(dataSource);
    if (config.jobs().callbacks().signingSecret().isEmpty()) {
      LOG.warn(
          "jobs.callback.signing-secret (JOBS_CALLBACK_SIGNING_SECRET) is not set: job callbacks"
              + " are delivered without a signature");
    }
    materializer =
        ChangelogMaterializer.create(config, new ContactTable(dataSource), onFatalError, metrics);
    materializer.start();
    operations =
        OperationRecorder.create(
            config, new DeleteOperationTable(dataSource), onFatalError, metrics);
    operations.start();
    startJobs();
  }

  /** The announcer and the deliverer first, so that the recorders' first completions wake them. */
  private void startJobs() {
    JobsConfig jobs = config.jobs();
    announcer = JobAnnouncer.onKafka(config, new JobAnnouncements(dataSource), jobMetrics);
    announcing =
        new RepeatingTask(
            JobAnnouncer.NAME, jobs.pollInterval(), announcer::announceNext, onFatalError);
    announcing.start();
    CallbackDeliverer deliverer =
        new CallbackDeliverer(
            new JobCallbackTable(dataSource),
            CallbackSender.of(jobs.callbacks(), clock),
            bodies,
            jobs.callbacks(),
            jobMetrics,
            clock);
    delivering =
        new RepeatingTask(
            CallbackDeliverer.NAME, jobs.pollInterval(), deliverer::deliverNext, onFatalError);
    delivering.start();
    JobRetentionSweep sweep =
        new JobRetentionSweep(new JobRetention(dataSource), jobs.retention(), clock);
    sweeping =
        new RepeatingTask(
            JobRetentionSweep.NAME, jobs.retentionSweepInterval(), sweep::sweep, onFatalError);
    sweeping.start();
    jobRecorder =
        JobRecorder.create(
            config, new JobTable(dataSource), this::jobsCompleted, onFatalError, metrics);
    jobRecorder.start();
    jobItemRecorder =
        JobItemRecorder.create(
            config, new JobItemTable(dataSource), this::jobsCompleted, onFatalError, metrics);
    jobItemRecorder.start();
  }

  /** Jobs completed (or a callback was asked for again): announce and call back without waiting. */
  private void jobsCompleted(int jobs) {
    jobMetrics.completed(jobs);
    for (RepeatingTask task : new RepeatingTask[] {announcing, delivering}) {
      if (task != null) {
        task.wake();
      }
    }
  }

  /** This service's metrics, served at {@code /metrics} on the health port. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Up when every thread of the service (consumers, announcer, deliverer, sweep) is alive. */
  public HealthCheck consumersHealthCheck() {
    return HealthCheck.of(
        "sink-consumers",
        () -> {
          String stopped = stoppedConsumer();
          return stopped == null
              ? HealthStatus.up("all " + THREADS.size() + " sink threads running")
              : HealthStatus.down(stopped + " stopped");
        });
  }

  /** Live while every thread of the service is alive: what a supervisor restarts on. */
  public HealthCheck liveCheck() {
    return consumersHealthCheck();
  }

  /** Ready when the registry holds this release's schemas (always, without a registry). */
  public HealthCheck schemaRegistryCheck() {
    return SchemaRegistryHealth.of(config.wireFormat());
  }

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public HealthCheck databaseHealthCheck() {
    return DatabaseHealth.of(dataSource);
  }

  /** The first thread that is not alive, or null when all run. */
  private synchronized String stoppedConsumer() {
    for (Map.Entry<String, BooleanSupplier> thread : threads().entrySet()) {
      if (!thread.getValue().getAsBoolean()) {
        return thread.getKey();
      }
    }
    return null;
  }

  /**
   * Stops the readers first, so that nothing new completes, then the jobs' workers, then the
   * materializer. Every write is idempotent and every piece of work waits in the tables, so a stop
   * at any point (or a crash) loses nothing: the next start carries on.
   */
  @Override
  public synchronized void close() {
    if (jobItemRecorder != null) {
      jobItemRecorder.close();
      jobItemRecorder = null;
    }
    if (jobRecorder != null) {
      jobRecorder.close();
      jobRecorder = null;
    }
    if (operations != null) {
      operations.close();
      operations = null;
    }
    for (RepeatingTask task : new RepeatingTask[] {announcing, delivering, sweeping}) {
      if (task != null) {
        task.close();
      }
    }
    announcing = null;
    delivering = null;
    sweeping = null;
    if (announcer != null) {
      announcer.close();
      announcer = null;
    }
    if (materializer != null) {
      materializer.close();
      materializer = null;
    }
    dataSource.close();
    metrics.close();
  }

  /** Runs sink-service alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    ServiceLogging.identify("sink-service");
    Settings settings = Settings.load(SinkConfig.DEFAULTS);
    SinkService service = new SinkService(SinkConfig.from(settings), ExitProcess::afterFatalError);
    // Up before the migration and the consumers, so that a supervisor sees "not ready yet".
    HealthServer health =
        HealthServer.start(
            new InetSocketAddress(settings.integer("health.port")),
            List.of(service.liveCheck()),
            List.of(
                service.consumersHealthCheck(),
                service.databaseHealthCheck(),
                service.schemaRegistryCheck()),
            service.metrics()::scrape);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  health.close();
                },
                "sink-shutdown"));
    service.start();
  }
}
