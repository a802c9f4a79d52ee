package org.contactpipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.contactpipeline.schemas.Topics;

/**
 * What every Kafka Streams application of the pipeline is configured with: exactly-once v2, a short
 * commit interval, a state directory, and poison records routed to the dead-letter topic instead of
 * stopping the application. The keys are Kafka Streams' own config names, spelled out so that
 * ingest-service, which reads one constant here, needs no Kafka Streams jar.
 *
 * @param commitInterval how often Streams commits its transaction: Kafka Streams' {@code
 *     commit.interval.ms}. Output becomes visible to read_committed readers (the sink, and so
 *     PostgreSQL) only at a commit, so this bounds how far they trail the answers, which do not
 *     wait for it (ingest reads results uncommitted); each commit blocks the stream thread for a
 *     transaction's round trips, so it also bounds throughput and the latency of the requests that
 *     arrive meanwhile.
 * @param awaitedCommitInterval how soon a record is committed when someone waits for it to become
 *     visible to read_committed readers (for the resolver: a delete, whose answer waits for the row
 *     to go); the application asks for those commits itself ({@link CommitPacing})
 */
public record StreamsAppConfig(
    String applicationId,
    Duration commitInterval,
    Duration awaitedCommitInterval,
    Path stateDir,
    int streamThreads,
    Map<String, Object> kafkaClient) {

  /**
   * One warm copy of each store where a second instance runs; with one instance there is none to
   * place.
   */
  public static final int DEFAULT_STANDBY_REPLICAS = 1;

  /**
   * Kafka's 45 s default would leave a killed instance's partitions idle that long; a supervisor
   * restarts a process within seconds. At the brokers' default minimum of 6 s this is still
   * tolerant of a garbage-collection pause on a busy machine.
   */
  public static final java.time.Duration DEFAULT_SESSION_TIMEOUT = java.time.Duration.ofSeconds(10);

  /**
   * The main consumer's rebalance timeout ({@code max.poll.interval.ms}), where Kafka's default is
   * 5 minutes. A rebalance waits this long for a member that does not rejoin, and a JoinGroup sent
   * to a group coordinator that stopped answering without closing its connections (a frozen broker,
   * a long pause) waits this plus 5 s before the member gives up on it and finds the coordinator
   * the group has moved to meanwhile: a restarted instance's tasks stay idle that long. A stream
   * thread polls between every batch it processes and commits, and restores on its state-updater
   * thread, so one that does not poll within a minute is stuck, and leaving the group lets its
   * tasks move. The sink's groups have the same bound.
   */
  public static final java.time.Duration DEFAULT_REBALANCE_TIMEOUT =
      java.time.Duration.ofSeconds(60);

  /**
   * Transactional state stores (KIP-892, Kafka 4.4) on by default. Without them exactly-once cannot
   * tell whether a store that was open when its process died holds writes of a transaction that
   * then aborted, so Streams wipes every such task and restores it from the changelog from the
   * beginning: minutes for millions of keys, after every crash. With them uncommitted writes stay
   * in a buffer until the changelog transaction commits, the store on disk only ever holds
   * committed state with the changelog offsets it matches, and a restart restores only past what
   * the store had flushed to disk (Streams writes RocksDB without its write-ahead log, so a kill
   * loses the memtables). A setting rather than always on because KIP-892 is new in 4.4: an
   * operator can go back to the old behaviour without a new release if it misbehaves
   * (docs/decisions/0010).
   */
  public static final boolean DEFAULT_TRANSACTIONAL_STATE_STORES = true;

  /**
   * Longest a fetch waits on the broker when nothing is committed yet; also used by ingest's reply
   * listener.
   */
  public static final int LOW_LATENCY_FETCH_WAIT_MS = 10;

  private static final int BATCH_BYTES = 128 * 1024;
  private static final int LINGER_MS = 1;

  public StreamsAppConfig {
    kafkaClient = Map.copyOf(kafkaClient);
  }

  /**
   * Reads {@code <prefix>.application-id}, {@code .commit-interval-ms}, {@code
   * .awaited-commit-interval-ms}, {@code .state-dir}, {@code .stream-threads}.
   */
  public static StreamsAppConfig from(Settings settings, String prefix) {
    return new StreamsAppConfig(
        settings.string(prefix + ".application-id"),
        settings.millis(prefix + ".commit-interval-ms"),
        settings.millis(prefix + ".awaited-commit-interval-ms"),
        Path.of(settings.string(prefix + ".state-dir")),
        settings.positiveInteger(prefix + ".stream-threads"),
        withRecovery(settings.kafkaClientProperties(), recoveryProperties(settings, prefix)));
  }

  /**
   * What lets a killed instance's work resume in seconds, as Kafka Streams properties: {@code
   * <prefix>.instance-id} becomes the main consumer's {@code group.instance.id} (static membership:
   * a restarted instance with the same id takes its tasks back without a rebalance; empty for
   * dynamic membership, the only safe choice when instances are not told apart), {@code
   * <prefix>.standby-replicas} keeps warm copies of each store on other instances, so that one
   * taking over restores nothing, and {@code <prefix>.session-timeout-ms} bounds how long a killed
   * member holds its partitions before the others take them ({@link #DEFAULT_REBALANCE_TIMEOUT}
   * bounds how long a rebalance waits), and {@code <prefix>.transactional-state-stores} keeps a
   * killed instance's stores so that it restores only the tail of each changelog ({@link
   * #DEFAULT_TRANSACTIONAL_STATE_STORES}). The keys are prefixed {@code main.consumer.} or
   * Streams-only, so the other Kafka clients of a service, which get the same pass-through
   * settings, ignore them.
   */
  public static Map<String, Object> recoveryProperties(Settings settings, String prefix) {
    Map<String, Object> recovery = new java.util.TreeMap<>();
    String instanceId = settings.string(prefix + ".instance-id", "");
    if (!instanceId.isEmpty()) {
      recovery.put("main.consumer.group.instance.id", instanceId);
    }
    recovery.put(
        "num.standby.replicas",
        settings.string(prefix + ".standby-replicas", Integer.toString(DEFAULT_STANDBY_REPLICAS)));
    String sessionKey = prefix + ".session-timeout-ms";
    long sessionTimeout;
    try {
      sessionTimeout =
          Long.parseLong(
              settings.string(sessionKey, Long.toString(DEFAULT_SESSION_TIMEOUT.toMillis())));
    } catch (NumberFormatException e) {
      throw new ConfigException(sessionKey, "must be a whole number of milliseconds");
    }
    recovery.put("main.consumer.session.timeout.ms", Long.toString(sessionTimeout));
    // The broker expects at least three heartbeats per session.
    recovery.put(
        "main.consumer.heartbeat.interval.ms", Long.toString(Math.max(250, sessionTimeout / 4)));
    recovery.put(
        "main.consumer.max.poll.interval.ms", Long.toString(DEFAULT_REBALANCE_TIMEOUT.toMillis()));
    recovery.put(
        "enable.transactional.statestores",
        Boolean.toString(
            settings.bool(
                prefix + ".transactional-state-stores", DEFAULT_TRANSACTIONAL_STATE_STORES)));
    return recovery;
  }

  /**
   * Explicit Kafka client settings (e.g. KAFKA_SESSION_TIMEOUT_MS), prefixed or not, win over
   * these.
   */
  private static Map<String, Object> withRecovery(
      Map<String, Object> kafkaClient, Map<String, Object> recovery) {
    Map<String, Object> merged = new java.util.TreeMap<>(kafkaClient);
    recovery.forEach(
        (key, value) -> {
          String plain =
              key.startsWith("main.consumer.") ? key.substring("main.consumer.".length()) : key;
          if (!kafkaClient.containsKey(key)
              && !kafkaClient.containsKey(plain)
              && !kafkaClient.containsKey("consumer." + plain)) {
            merged.put(key, value);
          }
        });
    return merged;
  }

  /** Default state directory of an application: under the system temp folder unless configured. */
  public static String defaultStateDir(String application) {
    return Path.of(System.getProperty("java.io.tmpdir"), "contact-pipeline", application)
        .toString();
  }

  /**
   * Kafka Streams properties: pass-through client settings first, then what correctness requires.
   */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(kafkaClient);
    props.put("application.id", applicationId);
    props.put("processing.guarantee", "exactly_once_v2");
    props.put("commit.interval.ms", Long.toString(commitInterval.toMillis()));
    // A due commit happens only when the stream thread wakes up, and an idle thread sleeps in
    // poll for poll.ms (100 ms by default): an awaited record just before a quiet spell would wait
    // that long to become visible. Waking at half the awaited interval keeps those commits on time.
    props.put(
        "poll.ms",
        Long.toString(
            Math.max(
                1, Math.min(commitInterval.toMillis(), awaitedCommitInterval.toMillis()) / 2)));
    props.put("state.dir", stateDir.toString());
    props.put("num.stream.threads", Integer.toString(streamThreads));
    // Undecodable records go to the dead-letter topic, with the exception in headers, and
    // processing continues; the default would stop the application on the first one. A record
    // undecodable only because the schema registry is unreachable stops it instead (read again
    // later).
    props.put("deserialization.exception.handler", RetryRegistryOutages.class.getName());
    props.put("errors.dead.letter.queue.topic.name", Topics.DEAD_LETTERS.name());
    // The 5.0 default, opted into now (and it silences a start-up warning).
    props.put("processing.exception.handler.global.enabled", "true");
    // A read_committed fetch may wait out fetch.max.wait.ms (500 ms by default) even after the
    // transaction it waits for commits; a request/response pipeline cannot afford that per hop.
    props.putIfAbsent("consumer.fetch.max.wait.ms", Integer.toString(LOW_LATENCY_FETCH_WAIT_MS));
    // Time synchronization between a task's input partitions waits for the emptier ones; the
    // resolver's tasks read one partition of one topic each, so it has nothing to wait for, yet
    // Kafka 4.4 still walks its partitions and formats a message about each one's lag before every
    // record (a twentieth of the stream thread in a bulk load, JFR). -1 skips that walk.
    props.putIfAbsent("max.task.idle.ms", "-1");
    // Streams lingers 100 ms by default, which held all output back until the commit flushed it.
    // Ingest answers a result as soon as it is written (its reply listener reads uncommitted), so
    // every millisecond a result lingers is a millisecond the caller waits: 1 ms, and batches
    // still grow under load while earlier sends are in flight.
    props.putIfAbsent("producer.linger.ms", Integer.toString(LINGER_MS));
    props.putIfAbsent("producer.batch.size", Integer.toString(BATCH_BYTES));
    // Results, golden records and store changelogs are Avro with repeated text (tenants, keys,
    // request ids): compression shrinks them several-fold, and every byte not written is a byte
    // the broker, its page cache and every reader skip. Snappy rather than lz4: output spread over
    // some fifty partitions and lingering 1 ms makes many small batches, and Kafka's lz4 stream
    // allocates and zeroes two 64 KB buffers for every batch (a sixth of all the stack's CPU
    // samples in a bulk load, JFR) where snappy reuses its buffers.
    props.putIfAbsent("producer.compression.type", "snappy");
    // A send just after a commit can meet CONCURRENT_TRANSACTIONS while the broker still writes
    // the last transaction's markers; the producer retries it after retry.backoff.ms, 100 ms by
    // default, and the next commit's flush waits for that retry (JFR: flush was most of each
    // commit). Retries start at 5 ms and still back off exponentially to retry.backoff.max.ms.
    props.putIfAbsent("producer.retry.backoff.ms", "5");
    return props;
  }
}
