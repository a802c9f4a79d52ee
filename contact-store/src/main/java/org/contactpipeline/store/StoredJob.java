package org.contactpipeline.store;

import java.time.Instant;
import org.contactpipeline.schemas.avro.ContactJob;

/**
 * A job as sink-service recorded it, and how far it got.
 *
 * @param job the job as ingest-service accepted it
 * @param recordedItems how many of its items have a result recorded
 * @param completedAt when its last item was recorded; null while it runs
 */
public record StoredJob(ContactJob job, int recordedItems, Instant completedAt) {

  public boolean isComplete() {
    return completedAt != null;
  }

  /**
   * The share of items decided, as a whole percentage rounded down: 100 only once every item is.
   */
  public int progressPercent() {
    if (isComplete()) {
      return 100;
    }
    int items = Math.max(job.getItemCount(), 1);
    return Math.min(99, (int) (100L * recordedItems / items));
  }
}
