package org.contactpipeline.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.contactpipeline.config.StreamsAppConfig;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the gathered responses addressed to this ingest instance. It reads only the one
 * partition of {@code contact.responses} its instance id hashes to (no consumer group: every
 * instance needs its own responses, whoever else shares the partition), from the end, and hands
 * each response to the request waiting for it. Responses for requests nobody waits for any more
 * (timed out, or another instance's on a shared partition) are dropped.
 */
public final class ReplyListener implements ResponseWaiter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final String instanceId;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final byte[] instanceKey;
  private final Map<String, CompletableFuture<ContactResponse>> waiting = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public ReplyListener(Map<String, Object> kafkaClient, String instanceId) {
    this.instanceId = instanceId;
    this.instanceKey = instanceId.getBytes(StandardCharsets.UTF_8);
    Map<String, Object> props = new HashMap<>(kafkaClient);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, StreamsAppConfig.LOW_LATENCY_FETCH_WAIT_MS);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Raw bytes, decoded one by one: a record this version cannot read must not stop the listener.
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "reply-listener-" + instanceId);
  }

  /** The id responses for this instance are keyed by; commands carry it as {@code replyTo}. */
  @Override
  public String replyTo() {
    return instanceId;
  }

  /**
   * Assigns this instance's partition and positions at its end before returning, so that no
   * response to a request sent after start can be missed.
   */
  public void start(Duration timeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RESPONSES.name(), timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException(Topics.RESPONSES.name() + " does not exist");
    }
    TopicPartition mine = new TopicPartition(Topics.RESPONSES.name(), ReplyPartition.of(instanceId, partitions.size()));
    consumer.assign(List.of(mine));
    consumer.seekToEnd(List.of(mine));
    consumer.position(mine, timeout);
    thread.start();
    LOG.info("{} listens for responses on {}", instanceId, mine);
  }

  @Override
  public CompletableFuture<ContactResponse> expect(String requestId) {
    CompletableFuture<ContactResponse> response = new CompletableFuture<>();
    waiting.put(requestId, response);
    response.whenComplete((ignored, error) -> waiting.remove(requestId, response));
    return response;
  }

  public boolean isListening() {
    return thread.isAlive() && running;
  }

  /** Requests currently waiting for a response. */
  public int waitingCount() {
    return waiting.size();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          if (Arrays.equals(instanceKey, record.key())) {
            deliver(decode(record));
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

  private static ContactResponse decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return Topics.RESPONSES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      LOG.warn("skipping unreadable response at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return null;
    }
  }

  private void deliver(ContactResponse response) {
    if (response == null || !instanceId.equals(response.getReplyTo())) {
      return;
    }
    CompletableFuture<ContactResponse> request = waiting.get(response.getRequestId());
    if (request == null) {
      LOG.debug("response for {} arrived after its request stopped waiting", response.getRequestId());
      return;
    }
    request.complete(response);
  }

  @Override
  public void close() {
    running = false;
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
