package org.contactpipeline.config;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records an application read back from its changelogs into its local stores. After a
 * crash this is what decides how long it takes to serve again, and it tells whether the local state
 * was kept (a tail of each changelog) or rebuilt (all of it): {@link StreamsApp} reports the count
 * each time the application becomes RUNNING.
 */
final class RestoredRecords implements StateRestoreListener {

  private static final Logger LOG = LoggerFactory.getLogger(RestoredRecords.class);

  private final AtomicLong sinceTaken = new AtomicLong();

  /** The records restored since the last call (or since the start), and starts counting anew. */
  long take() {
    return sinceTaken.getAndSet(0);
  }

  @Override
  public void onRestoreStart(
      TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
    LOG.debug(
        "restoring {} from {}, offsets {} to {}",
        storeName,
        partition,
        startingOffset,
        endingOffset);
  }

  @Override
  public void onBatchRestored(
      TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    sinceTaken.addAndGet(numRestored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
    LOG.debug("restored {} records of {} from {}", totalRestored, storeName, partition);
  }
}
