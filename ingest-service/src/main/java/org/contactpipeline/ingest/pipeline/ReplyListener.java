package org.contactpipeline.ingest.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.config.StreamsAppConfig;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.ReplyPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the results addressed to this ingest instance and gathers each request's results into
 * its response. The resolver writes every result that names this instance as {@code replyTo} to the
 * one partition of {@code contact.results} the instance id hashes to ({@link ReplyPartition}), so
 * this reads only that partition (no consumer group: every instance needs its own results, whoever
 * else shares the partition), from the end. Gathering here rather than in a second Streams
 * application saves the reply a whole transaction commit; the state is only ever the requests this
 * process is answering, which die with it anyway.
 *
 * <p>It reads {@code read_uncommitted}: a result is answered as soon as the resolver has written
 * it, not a commit later, so no caller waits for the resolver's transaction (that wait was most of
 * a write's latency and, at fixed concurrency, its throughput). That is safe because the resolver
 * is deterministic: a transaction that aborts is replayed from the last committed state and offset,
 * and the same commands in the same order get the same IDs and outcomes, which the replay writes
 * again and commits (ResolverTopologyTest, the chaos test's answers-versus-results check). Every
 * other reader of the resolver's topics must read {@code read_committed}; this listener only
 * answers callers, once per item, and writes nothing.
 *
 * <p>Results for requests nobody waits for any more (timed out, another instance's on a shared
 * partition, direct producers' results hashed here) are skipped, the key is checked before anything
 * is decoded.
 */
public final class ReplyListener implements ResponseWaiter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final int COMPLETION_THREADS =
      Math.max(2, Runtime.getRuntime().availableProcessors());

  private final String instanceId;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<ContactResult> results;
  private final Map<String, ResultGathering> waiting = new ConcurrentHashMap<>();
  private final Thread thread;

  /**
   * Completes the waiting requests. Completing a future runs what waits on it, which here is the
   * whole HTTP answer: on the listener's own thread that serialized every answer behind one thread
   * and stalled the next poll, so it is handed off.
   */
  private final ExecutorService completions;

  private volatile boolean running = true;

  public ReplyListener(Map<String, Object> kafkaClient, String instanceId, WireFormat wire) {
    this.instanceId = instanceId;
    this.results = wire.results().deserializer();
    Map<String, Object> props = new HashMap<>(kafkaClient);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, StreamsAppConfig.LOW_LATENCY_FETCH_WAIT_MS);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Values as raw bytes, decoded one by one: a record this version cannot read must not stop the
    // listener.
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "reply-listener-" + instanceId);
    AtomicInteger completers = new AtomicInteger();
    this.completions =
        Executors.newFixedThreadPool(
            COMPLETION_THREADS,
            runnable -> {
              Thread completer =
                  new Thread(runnable, "reply-completion-" + completers.incrementAndGet());
              completer.setDaemon(true);
              return completer;
            });
  }

  /** The id results for this instance carry; commands carry it as {@code replyTo}. */
  @Override
  public String replyTo() {
    return instanceId;
  }

  /**
   * Assigns this instance's partition and positions at its end before returning, so that no result
   * of a request sent after start can be missed.
   */
  public void start(Duration timeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RESULTS.name(), timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException(Topics.RESULTS.name() + " does not exist");
    }
    TopicPartition mine =
        new TopicPartition(Topics.RESULTS.name(), ReplyPartition.of(instanceId, partitions.size()));
    consumer.assign(List.of(mine));
    consumer.seekToEnd(List.of(mine));
    consumer.position(mine, timeout);
    thread.start();
    LOG.info("{} listens for results on {}", instanceId, mine);
  }

  @Override
  public CompletableFuture<ContactResponse> expect(String requestId) {
    ResultGathering gathering = new ResultGathering(requestId, instanceId);
    waiting.put(requestId, gathering);
    return gathering.response();
  }

  @Override
  public int abandon(String requestId) {
    ResultGathering gathering = waiting.remove(requestId);
    return gathering == null ? 0 : gathering.arrived();
  }

  /**
   * Binds the consumer's own metrics (fetch rate, records lag): how far replies trail the results
   * topic.
   */
  public void bindMetrics(ServiceMetrics metrics) {
    metrics.bindConsumer(consumer, "reply-listener");
  }

  public boolean isListening() {
    return thread.isAlive() && running;
  }

  /** Requests currently waiting for their results. */
  public int waitingCount() {
    return waiting.size();
  }

  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          ResultGathering gathering = record.key() == null ? null : waiting.get(record.key());
          if (gathering != null) {
            // A result carries its request's id and tenant (RequestHeaders) for what is logged.
            try (var logged = RequestLogContext.open(record.headers())) {
              deliver(gathering, decode(record));
            }
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("reply listener woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("reply listener stopped; waiting requests will time out", e);
    } finally {
      consumer.close();
    }
  }

  private ContactResult decode(ConsumerRecord<String, byte[]> record) {
    try {
      return results.deserialize(record.topic(), record.value());
    } catch (SerializationException | SchemaRegistryUnavailableException e) {
      // Skipped, not fatal: the result stays on the topic for its other readers; only this
      // instance's waiting request (if any) times out.
      LOG.warn(
          "skipping unreadable result at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return null;
    }
  }

  private void deliver(ResultGathering gathering, ContactResult result) {
    if (result == null || !instanceId.equals(result.getReplyTo())) {
      return;
    }
    if (gathering.add(result, completions)) {
      waiting.remove(result.getRequestId(), gathering);
    }
  }

  @Override
  public void close() {
    running = false;
    completions.shutdown();
    if (!thread.isAlive()) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
