package org.contactpipeline.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.stack.TestDatabases;
import org.contactpipeline.store.ContactSchema;
import org.contactpipeline.testing.PipelineTopics;

/**
 * A real broker with the pipeline's topics and a fresh database, for the jobs tests of the whole
 * sink: publishes jobs and item results as ingest and the resolver do, reads what the sink wrote to
 * contact.job-results and the jobs tables.
 */
final class JobsOnKafka implements AutoCloseable {

  static final String SECRET = "test-signing-secret";

  private final LocalKafka kafka;
  private final DatabaseConfig database;
  private final DataSource dataSource;
  private final KafkaProducer<byte[], byte[]> producer;

  private JobsOnKafka(LocalKafka kafka, DatabaseConfig database) {
    this.kafka = kafka;
    this.database = database;
    this.dataSource = database.dataSource();
    // Before any sink starts, so the tables can be asked from the first moment.
    ContactSchema.migrate(dataSource);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  static JobsOnKafka start() {
    LocalKafka kafka;
    try {
      kafka = LocalKafka.start(Files.createTempDirectory("sink-jobs-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TopicLayout.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), 3, 2);
    return new JobsOnKafka(kafka, TestDatabases.freshConfig());
  }

  /**
   * The sink's settings on this broker and database, as variables (for a process of its own):
   * callbacks to the loopback address allowed, signed with {@link #SECRET}, short waits.
   */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("DATABASE_URL", database.url());
    environment.put("DATABASE_USER", database.user());
    environment.put("DATABASE_PASSWORD", database.password());
    environment.put("JOBS_CALLBACK_ALLOW_PRIVATE_ADDRESSES", "true");
    environment.put("JOBS_CALLBACK_SIGNING_SECRET", SECRET);
    environment.put("JOBS_POLL_INTERVAL_MS", "200");
    environment.put("JOBS_CALLBACK_FIRST_BACKOFF_MS", "100");
    environment.put("JOBS_CALLBACK_MAX_BACKOFF_MS", "500");
    // A killed sink's consumers hold their partitions until their session times out; the
    // broker's shortest session keeps a test of a crash short.
    environment.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
    return environment;
  }

  /** The same settings for a sink in this JVM. */
  SinkConfig sinkConfig() {
    return SinkConfig.from(Settings.layer(SinkConfig.DEFAULTS, environment()));
  }

  /**
   * sink-service's main in a JVM of its own, on the test's classpath, with {@code environment}
   * (usually {@link #environment}); its output goes to a file under {@code target}.
   */
  Process sinkProcess(Map<String, String> environment) throws IOException {
    Path log = Files.createTempFile(Path.of("target"), "sink-process", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SinkService.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("HEALTH_PORT", "0");
    builder.environment().remove("CONFIG_FILE");
    return builder.start();
  }

  void publishJob(ContactJob job) {
    send(
        Topics.JOBS.name(),
        job.getJobId(),
        Topics.JOBS.valueSerde().serializer().serialize(Topics.JOBS.name(), job),
        new org.apache.kafka.common.header.internals.RecordHeaders());
  }

  /** Item results as the resolver writes them: keyed by request id, with its headers. */
  void publishResults(List<ContactResult> results) {
    for (ContactResult result : results) {
      send(
          Topics.RESULTS.name(),
          result.getRequestId(),
          Topics.RESULTS.valueSerde().serializer().serialize(Topics.RESULTS.name(), result),
          ResultHeaders.forResult(result.getAction(), result.getJob()));
    }
  }

  private void send(
      String topic, String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  null,
                  key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  value,
                  headers))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + topic, e.getCause());
    }
  }

  /** Every ContactJobResult written for {@code jobId} so far, in order. */
  List<ContactJobResult> jobResults(String jobId) {
    return PipelineTopics.readToEnd(
            kafka.bootstrapServers(), Topics.JOB_RESULTS, Duration.ofSeconds(20))
        .stream()
        .filter(record -> jobId.equals(record.key()))
        .map(ConsumerRecord::value)
        .toList();
  }

  /** How many rows of {@code table} belong to {@code jobId}. */
  long rows(String table, String jobId) {
    return Long.parseLong(query("SELECT count(*) FROM " + table + " WHERE job_id = ?", jobId));
  }

  /** Whether the job's ContactJobResult is noted as written. */
  boolean isAnnounced(String jobId) {
    return query("SELECT max(announced_at) FROM contact_jobs WHERE job_id = ?", jobId) != null;
  }

  /** The state of the job's callback; null when it has none yet. */
  String callbackState(String jobId) {
    return query("SELECT max(state) FROM contact_job_callbacks WHERE job_id = ?", jobId);
  }

  private String query(String sql, String jobId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
    kafka.close();
  }
}
