package org.contactpipeline.tools.imports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Reads {@code contact.results} for the import's own requests (their ids start with its prefix and
 * end with the row number) and decides their rows in the {@link DecisionWindow}; writes the
 * checkpoint every {@code stateInterval} and once more when stopped. A resumed import first catches
 * up: it reads from the checkpoint's positions to the topic's end before any row is sent, so that
 * rows the pipeline decided after the checkpoint was written are not sent again.
 *
 * <p>The checkpoint's positions must be at or before every result of a row after L. Positions are
 * sampled, then the newest row admitted (or, if higher, the highest row a result was read for):
 * every later row is sent after the sample, so its result lies beyond it. A checkpoint takes the
 * newest sample whose row is at most L.
 */
final class ResultsFollower implements Runnable {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final long SAMPLE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final Consumer<String, byte[]> consumer;
  private final Deserializer<ContactResult> values;
  private final String prefix;
  private final DecisionWindow window;
  private final String fingerprint;
  private final Path statePath;
  private final long stateIntervalNanos;
  private final List<TopicPartition> partitions;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile RuntimeException failure;
  private ImportState lastWritten;

  /**
   * The highest row any result read so far was for: a resumed run reads results of rows it has not
   * admitted yet, and a sample must not claim those rows' results lie after it.
   */
  private long highestResultRow;

  /** One poll's decisions, handed to the window at once; reused from poll to poll. */
  private long[] numbers = new long[1024];

  private Outcome[] outcomes = new Outcome[1024];
  private String[] reasons = new String[1024];

  private record Sample(long admitted, Map<Integer, Long> positions) {}

  /**
   * @param consumer assigned to every partition of {@code contact.results} and positioned: at the
   *     checkpoint's positions when resuming, else at the end
   * @param startingAt the checkpoint the import starts from: its positions and its L
   */
  ResultsFollower(
      Consumer<String, byte[]> consumer,
      Deserializer<ContactResult> values,
      String prefix,
      DecisionWindow window,
      String fingerprint,
      Path statePath,
      Duration stateInterval,
      List<TopicPartition> partitions,
      ImportState startingAt) {
    this.consumer = consumer;
    this.values = values;
    this.prefix = prefix;
    this.window = window;
    this.fingerprint = fingerprint;
    this.statePath = statePath;
    this.stateIntervalNanos = stateInterval.toNanos();
    this.partitions = List.copyOf(partitions);
    samples.add(new Sample(startingAt.rowsDone(), startingAt.resultPositions()));
  }

  /** Waits until the results written before the import started are read. */
  void awaitCaughtUp() throws InterruptedException {
    while (!caughtUp.await(100, TimeUnit.MILLISECONDS)) {
      failIfFailed();
    }
  }

  /** Stops reading after the current poll, writes the last checkpoint and waits for it. */
  ImportState stop() throws InterruptedException {
    stopping = true;
    finished.await();
    failIfFailed();
    return lastWritten;
  }

  void failIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  boolean failed() {
    return failure != null;
  }

  @Override
  public void run() {
    try {
      catchUp();
      long nextSample = System.nanoTime();
      long nextState = System.nanoTime() + stateIntervalNanos;
      while (!stopping) {
        read(consumer.poll(POLL));
        long now = System.nanoTime();
        if (now >= nextSample) {
          sample();
          nextSample = now + SAMPLE_EVERY_NANOS;
        }
        if (now >= nextState) {
          writeState();
          nextState = now + stateIntervalNanos;
        }
      }
      writeState();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      caughtUp.countDown();
      finished.countDown();
    }
  }

  private void catchUp() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    while (!stopping && !reached(ends)) {
      read(consumer.poll(POLL));
    }
    sample();
    caughtUp.countDown();
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < ends.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  private void read(ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    if (records.count() > numbers.length) {
      numbers = new long[records.count()];
      outcomes = new Outcome[records.count()];
      reasons = new String[records.count()];
    }
    int count = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      String key = record.key();
      if (key == null || !key.startsWith(prefix) || record.value() == null) {
        continue;
      }
      long number = rowNumber(key);
      if (number <= 0) {
        continue;
      }
      highestResultRow = Math.max(highestResultRow, number);
      ContactResult result = values.deserialize(Topics.RESULTS.name(), record.value());
      Outcome outcome = Outcome.of(result);
      numbers[count] = number;
      outcomes[count] = outcome;
      reasons[count] =
          outcome == Outcome.REFUSED
              ? "refused by the pipeline ("
                  + result.getOutcome()
                  + "): "
                  + (result.getMessage() == null ? "no reason given" : result.getMessage())
              : null;
      count++;
    }
    if (count > 0) {
      window.decideAll(numbers, outcomes, reasons, count);
    }
  }

  private long rowNumber(String requestId) {
    try {
      return Long.parseLong(requestId, prefix.length(), requestId.length(), 10);
    } catch (NumberFormatException notOurs) {
      return -1;
    }
  }

  private void sample() {
    Map<Integer, Long> positions = new HashMap<>();
    for (TopicPartition partition : partitions) {
      positions.put(partition.partition(), consumer.position(partition));
    }
    // Sampled after the positions: every row admitted later is sent after them.
    samples.addLast(new Sample(Math.max(window.highestAdmitted(), highestResultRow), positions));
  }

  private void writeState() {
    long done = window.done();
    // The newest sample taken when no row after L had been admitted yet.
    while (samples.size() > 1) {
      Sample oldest = samples.removeFirst();
      if (samples.getFirst().admitted() > done) {
        samples.addFirst(oldest);
        break;
      }
    }
    ImportState state = window.checkpoint(fingerprint, samples.getFirst().positions());
    state.write(statePath);
    lastWritten = state;
  }
}
