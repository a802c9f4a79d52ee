package org.contactpipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.contactpipeline.schemas.Topics;

/**
 * What every Kafka Streams application of the pipeline is configured with: exactly-once v2,
 * a short commit interval, a state directory, and poison records routed to the dead-letter
 * topic instead of stopping the application. The keys are Kafka Streams' own config names,
 * spelled out so that ingest-service, which reads one constant here, needs no Kafka Streams jar.
 *
 * @param commitInterval how often Streams commits its transaction. Output becomes visible to
 *     read_committed readers only at a commit, so this bounds the latency each Streams hop adds;
 *     each commit costs a transaction round trip, so it also bounds throughput per thread.
 */
public record StreamsAppConfig(
    String applicationId,
    Duration commitInterval,
    Path stateDir,
    int streamThreads,
    Map<String, Object> kafkaClient) {

  /** Longest a fetch waits on the broker when nothing is committed yet; also used by ingest's reply listener. */
  public static final int LOW_LATENCY_FETCH_WAIT_MS = 10;
  private static final int BATCH_BYTES = 128 * 1024;
  private static final long STORE_CACHE_BYTES = 32L * 1024 * 1024;

  public StreamsAppConfig {
    kafkaClient = Map.copyOf(kafkaClient);
  }

  /** Reads {@code <prefix>.application-id}, {@code .commit-interval-ms}, {@code .state-dir}, {@code .stream-threads}. */
  public static StreamsAppConfig from(Settings settings, String prefix) {
    return new StreamsAppConfig(
        settings.string(prefix + ".application-id"),
        settings.millis(prefix + ".commit-interval-ms"),
        Path.of(settings.string(prefix + ".state-dir")),
        settings.positiveInteger(prefix + ".stream-threads"),
        settings.kafkaClientProperties());
  }

  /** Default state directory of an application: under the system temp folder unless configured. */
  public static String defaultStateDir(String application) {
    return Path.of(System.getProperty("java.io.tmpdir"), "contact-pipeline", application).toString();
  }

  /** Kafka Streams properties: pass-through client settings first, then what correctness requires. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(kafkaClient);
    props.put("application.id", applicationId);
    props.put("processing.guarantee", "exactly_once_v2");
    props.put("commit.interval.ms", Long.toString(commitInterval.toMillis()));
    // A due commit happens only when the stream thread wakes up, and an idle thread sleeps in
    // poll for poll.ms (100 ms by default): the last record before a quiet spell would wait that
    // long to become visible. Waking at half the commit interval keeps commits on time.
    props.put("poll.ms", Long.toString(Math.max(1, commitInterval.toMillis() / 2)));
    props.put("state.dir", stateDir.toString());
    props.put("num.stream.threads", Integer.toString(streamThreads));
    // Undecodable records go to the dead-letter topic, with the exception in headers, and
    // processing continues; the default would stop the application on the first one.
    props.put("deserialization.exception.handler", "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler");
    props.put("errors.dead.letter.queue.topic.name", Topics.DEAD_LETTERS.name());
    // The 5.0 default, opted into now (and it silences a start-up warning).
    props.put("processing.exception.handler.global.enabled", "true");
    // A read_committed fetch may wait out fetch.max.wait.ms (500 ms by default) even after the
    // transaction it waits for commits; a request/response pipeline cannot afford that per hop.
    props.putIfAbsent("consumer.fetch.max.wait.ms", Integer.toString(LOW_LATENCY_FETCH_WAIT_MS));
    // Streams lingers 100 ms by default; with a commit every 20 ms that held all output back
    // until the commit flushed it, so each commit first waited for a whole interval's sends.
    // Sending as it goes leaves the commit only its own round trips.
    props.putIfAbsent("producer.linger.ms", Long.toString(Math.max(1, commitInterval.toMillis() / 4)));
    props.putIfAbsent("producer.batch.size", Integer.toString(BATCH_BYTES));
    // Results, golden records and store changelogs are Avro with repeated text (tenants, keys,
    // request ids): lz4 shrinks them several-fold for little CPU, and every byte not written is
    // a byte the broker, its page cache and every reader skip.
    props.putIfAbsent("producer.compression.type", "lz4");
    // Room for a burst's writes between commits, so the store caches absorb repeated writes.
    props.putIfAbsent("statestore.cache.max.bytes", Long.toString(STORE_CACHE_BYTES));
    return props;
  }
}
