package org.contactpipeline.resolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;

/**
 * ESTABLISH commands published to {@code contact.commands} while resolver instances come and go, as
 * clients keep sending during a rebalance: in the background, a batch every {@link #PACE}, each of
 * new keys and of repeats of keys sent before (so that "one key, one ID" is asked again and again);
 * one request per command. It remembers what the broker acknowledged: the commands that must each
 * get exactly one result.
 */
final class CommandStream implements AutoCloseable {

  private static final Duration PACE = Duration.ofMillis(100);

  private final String run = "stream-" + UUID.randomUUID();
  private final int newKeysPerBatch;
  private final int repeatsPerBatch;
  private final KafkaProducer<ContactKey, ContactCommand> producer;
  private final Random random = new Random();
  private final List<String> accepted = new ArrayList<>();
  private final List<ContactKey> keysSent = new ArrayList<>();
  private final Set<ContactKey> keysSeen = new HashSet<>();
  private long commands;
  private long newKeys;
  private Thread publisher;
  private volatile boolean publishing;
  private volatile RuntimeException failure;

  CommandStream(String bootstrapServers, int newKeysPerBatch, int repeatsPerBatch) {
    this.newKeysPerBatch = newKeysPerBatch;
    this.repeatsPerBatch = repeatsPerBatch;
    this.producer = PipelineTopics.commandProducer(bootstrapServers);
  }

  /** Starts publishing a batch every {@link #PACE} until {@link #stop}. */
  synchronized void start() {
    if (publisher != null) {
      throw new IllegalStateException("already publishing");
    }
    publishing = true;
    publisher = new Thread(this::publishUntilStopped, "command-stream");
    publisher.setDaemon(true);
    publisher.start();
  }

  /**
   * Stops after the batch in flight is acknowledged; fails if publishing failed (a command the
   * broker did not acknowledge would make the test judge an unknown set).
   */
  void stop() {
    Thread stopping;
    synchronized (this) {
      stopping = publisher;
      publisher = null;
    }
    publishing = false;
    if (stopping != null) {
      try {
        stopping.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the command stream", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Publishes one batch of commands for exactly these keys, now, and waits for the acks. */
  void publish(List<ContactKey> keys) {
    List<ContactCommand> batch = new ArrayList<>();
    synchronized (this) {
      for (ContactKey key : keys) {
        batch.add(PipelineTopics.command(run + "-" + commands++, key));
      }
    }
    send(batch);
  }

  /** Polls until the broker has acknowledged {@code count} more commands than it has now. */
  void awaitMoreAccepted(int count, Duration timeout) {
    int target = accepted().size() + count;
    Poll.until(timeout, () -> accepted().size(), accepted -> accepted >= target);
  }

  /** The request IDs of every command the broker acknowledged so far. */
  synchronized List<String> accepted() {
    return List.copyOf(accepted);
  }

  /** Every key sent so far, each once, in the order first sent. */
  synchronized List<ContactKey> keysSent() {
    return List.copyOf(keysSent);
  }

  private void publishUntilStopped() {
    try {
      while (publishing) {
        publish(nextKeys());
        Poll.pause(PACE);
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** New keys first, then repeats drawn from every key sent before this batch. */
  private synchronized List<ContactKey> nextKeys() {
    List<ContactKey> keys = new ArrayList<>();
    for (int i = 0; i < newKeysPerBatch; i++) {
      keys.add(new ContactKey(ResolverOnBroker.TENANT, 0, run + "-key-" + newKeys++));
    }
    int known = keysSent.size();
    for (int i = 0; i < repeatsPerBatch && known > 0; i++) {
      keys.add(keysSent.get(random.nextInt(known)));
    }
    return keys;
  }

  private void send(List<ContactCommand> batch) {
    ResolverOnBroker.sendAll(producer, batch);
    synchronized (this) {
      for (ContactCommand command : batch) {
        accepted.add(command.getRequestId());
        if (keysSeen.add(command.getKey())) {
          keysSent.add(command.getKey());
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      producer.close();
    }
  }
}
