package org.contactpipeline.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.sink.ChangelogMaterializer;
import org.contactpipeline.sink.SinkConfig;
import org.contactpipeline.testing.MaterializerProgress;

/**
 * The sink's write rate beside its peer's, each alone on the stack's broker and database with the
 * same golden records: the sink's changelog materializer ({@link ChangelogMaterializer#startAlone})
 * reading them as the changelog carries them, and Debezium's JDBC sink in a Kafka Connect worker
 * ({@link DebeziumJdbcSink}) reading them as Connect JSON ({@link ConnectJsonRecords}). Each gets a
 * topic of its own with the changelog's partition count and a fresh table of the {@code contacts}
 * table's shape, every index included.
 *
 * <p>Each is measured the same way: a warm-up set of records is published and written first (the
 * peer's JVM starts cold; the JIT compiles its code on them), then the measured set is published
 * and the clock runs from its first send until its last row is in the table. Then both tables must
 * hold the same rows, column for column: otherwise the two did not do the same job, and the run
 * fails.
 */
final class SinkWriteRates {

  /** Rows per second each wrote. */
  record Result(double sinkRowsPerSecond, double debeziumRowsPerSecond) {}

  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(20);

  private final String bootstrapServers;
  private final SinkConfig sinkConfig;
  private final DatabaseConfig databaseConfig;
  private final DataSource database;
  private final Path dir;

  SinkWriteRates(
      String bootstrapServers,
      SinkConfig sinkConfig,
      DatabaseConfig databaseConfig,
      DataSource database,
      Path dir) {
    this.bootstrapServers = bootstrapServers;
    this.sinkConfig = sinkConfig;
    this.databaseConfig = databaseConfig;
    this.database = database;
    this.dir = dir;
  }

  /** Both rates on {@code contacts} records, after {@code warmUp} records each. */
  Result measure(String run, int warmUp, int contacts) throws Exception {
    String sinkTopic = "bench.sink-alone." + run;
    String debeziumTopic = "bench.debezium-alone." + run;
    try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        KafkaProducer<byte[], byte[]> producer = producer()) {
      int partitions = MaterializerProgress.changelogPartitions(admin);
      admin
          .createTopics(
              List.of(
                  new NewTopic(sinkTopic, partitions, (short) 1),
                  new NewTopic(debeziumTopic, partitions, (short) 1)))
          .all()
          .get();
      // Millisecond timestamps, as the changelog's Avro and Connect's Timestamp carry them.
      RunSet records =
          new RunSet(run, warmUp, contacts, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      String sinkTable = tableOf(sinkTopic);
      String debeziumTable = tableOf(debeziumTopic);
      execute("CREATE TABLE " + sinkTable + " (LIKE contacts INCLUDING ALL)");
      execute("CREATE TABLE " + debeziumTable + " (LIKE contacts INCLUDING ALL)");
      try {
        double sink =
            rowsPerSecond(
                producer,
                sinkTopic,
                sinkTable,
                records,
                record -> Topics.CHANGELOG.keySerde().serializer().serialize(null, record.getKey()),
                record -> Topics.CHANGELOG.valueSerde().serializer().serialize(null, record),
                table ->
                    ChangelogMaterializer.startAlone(
                            sinkConfig, sinkTopic, "bench-sink-alone-" + run, table)
                        ::close);
        Progress.line("sink alone: %.0f rows/s", sink);
        double debezium =
            rowsPerSecond(
                producer,
                debeziumTopic,
                debeziumTable,
                records,
                ConnectJsonRecords::key,
                ConnectJsonRecords::value,
                table ->
                    DebeziumJdbcSink.start(
                        dir.resolve("debezium-" + run),
                        bootstrapServers,
                        databaseConfig,
                        debeziumTopic,
                        table,
                        sinkConfig.materializerBatchSize()));
        Progress.line("Debezium JDBC sink alone: %.0f rows/s", debezium);
        requireSameRows(sinkTable, debeziumTable);
        return new Result(sink, debezium);
      } finally {
        execute("DROP TABLE IF EXISTS " + sinkTable);
        execute("DROP TABLE IF EXISTS " + debeziumTable);
        admin.deleteTopics(List.of(sinkTopic, debeziumTopic)).all().get();
      }
    }
  }

  /** Starts a sink reading its topic into {@code table}. */
  private interface TopicSink {
    RunningSink start(String table) throws Exception;
  }

  /**
   * A sink once started; closing it stops the sink. What it can tell beyond that, a sink in this
   * JVM has no need to: its threads are in {@link CpuByThread}, and it stops only with this JVM.
   */
  interface RunningSink extends AutoCloseable {

    /** Fails when the sink has stopped on its own. */
    default void checkRunning() {}

    /** CPU time of a process of its own so far; 0 for a sink in this JVM. */
    default double processCpuSeconds() {
      return 0;
    }

    /** The end of what it logged, for a failure's message; empty when it logs with this JVM. */
    default String logTail() {
      return "";
    }
  }

  /**
   * The records each sink writes: {@code warmUp} unmeasured, then {@code contacts} measured, all
   * created and updated {@code at}, so that both sinks get the same rows.
   */
  private record RunSet(String run, int warmUp, int contacts, Instant at) {}

  private static String tableOf(String topic) {
    return "sink_alone_" + topic.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /**
   * Fails unless both tables hold the same rows, column for column: the two sinks did the same job,
   * so their rates compare.
   */
  private void requireSameRows(String sinkTable, String debeziumTable) throws SQLException {
    for (String[] pair : new String[][] {{sinkTable, debeziumTable}, {debeziumTable, sinkTable}}) {
      long differing =
          count(
              "(SELECT * FROM "
                  + pair[0]
                  + " EXCEPT SELECT * FROM "
                  + pair[1]
                  + ") AS only_in_"
                  + pair[0]);
      if (differing > 0) {
        throw new IllegalStateException(
            differing + " rows of " + pair[0] + " are not in " + pair[1] + " as they are");
      }
    }
  }

  private double rowsPerSecond(
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      String table,
      RunSet set,
      Function<ContactRecord, byte[]> key,
      Function<ContactRecord, byte[]> value,
      TopicSink sink)
      throws Exception {
    try (RunningSink started = sink.start(table)) {
      Collection<ContactKey> warmUpLast =
          publish(
              producer,
              topic,
              ContactFile.goldenRecords(set.run(), set.warmUp(), "warm", 1, set.at()),
              key,
              value);
      awaitRows(table, warmUpLast, started);
      CpuByThread cpuBefore = CpuByThread.now();
      double workerCpuBefore = started.processCpuSeconds();
      long start = System.nanoTime();
      Collection<ContactKey> last =
          publish(
              producer,
              topic,
              ContactFile.goldenRecords(
                  set.run(), set.contacts(), "measured", set.warmUp() + 1L, set.at()),
              key,
              value);
      awaitRows(table, last, started);
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = count(table);
      if (rows != (long) set.warmUp() + set.contacts()) {
        throw new IllegalStateException(
            table + " holds " + rows + " rows, not " + (set.warmUp() + set.contacts()));
      }
      Progress.line(
          "%s: %s; Connect worker JVM %.2f cores",
          topic,
          CpuByThread.now().since(cpuBefore, seconds, 8),
          (started.processCpuSeconds() - workerCpuBefore) / seconds);
      return set.contacts() / seconds;
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            // A partition of a topic just created answered NotLeaderOrFollower for a moment, and an
            // idempotent producer's retry of the first batch was then refused as out of sequence
            // (the broker had kept the batch), losing records. Without idempotence a retry may
            // write a record twice, which an upsert of the same row absorbs.
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /**
   * Publishes {@code records} and returns the key of the last record each partition received: both
   * sinks write a partition in offset order, so once those rows are in the table, all are.
   */
  private static Collection<ContactKey> publish(
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      Iterator<ContactRecord> records,
      Function<ContactRecord, byte[]> key,
      Function<ContactRecord, byte[]> value) {
    AtomicReference<Exception> failed = new AtomicReference<>();
    Map<Integer, LastRecord> lastByPartition = new ConcurrentHashMap<>();
    while (records.hasNext() && failed.get() == null) {
      ContactRecord record = records.next();
      producer.send(
          new ProducerRecord<>(topic, key.apply(record), value.apply(record)),
          (metadata, exception) -> {
            if (exception != null) {
              failed.compareAndSet(null, exception);
            } else {
              lastByPartition.merge(
                  metadata.partition(),
                  new LastRecord(metadata.offset(), record.getKey()),
                  (a, b) -> a.offset() > b.offset() ? a : b);
            }
          });
    }
    producer.flush();
    if (failed.get() != null) {
      // A sink can never reach a count the topic does not hold: stop now, not at the deadline.
      throw new IllegalStateException("could not publish to " + topic, failed.get());
    }
    return lastByPartition.values().stream().map(LastRecord::key).toList();
  }

  private record LastRecord(long offset, ContactKey key) {}

  /**
   * Polls until every one of {@code keys} is a row of the table, failing at the deadline. Index
   * lookups: a {@code count(*)} of the whole table took 115 ms of PostgreSQL's time at every poll.
   */
  private void awaitRows(String table, Collection<ContactKey> keys, RunningSink sink)
      throws Exception {
    String present =
        "SELECT count(*) FROM "
            + table
            + " WHERE (tenant, contact_type, contact_key) IN ("
            + String.join(", ", Collections.nCopies(keys.size(), "(?, ?, ?)"))
            + ")";
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long found = 0;
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(present)) {
      int parameter = 1;
      for (ContactKey key : keys) {
        statement.setString(parameter++, key.getTenant());
        statement.setInt(parameter++, key.getContactType());
        statement.setString(parameter++, key.getContactKey());
      }
      while (System.nanoTime() < deadline) {
        sink.checkRunning();
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          found = result.getLong(1);
        }
        if (found == keys.size()) {
          return;
        }
        Thread.sleep(POLL.toMillis()); // polling interval; ends on the rows or the deadline
      }
    }
    String log = sink.logTail().isEmpty() ? "" : "\n" + sink.logTail();
    throw new IllegalStateException(
        table
            + " holds "
            + found
            + " of the "
            + keys.size()
            + " last rows after "
            + DEADLINE
            + log);
  }

  private long count(String table) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
