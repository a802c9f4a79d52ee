package org.contactpipeline.store;

import java.time.Instant;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * A complete job as the tables hold it: read again, it is the same, so whatever is built from it
 * (the ContactJobResult, a callback's body) is the same too.
 *
 * @param job the job as ingest-service accepted it
 * @param completedAt when its last item was recorded
 * @param items the result of every item, in item order
 */
public record FinishedJob(ContactJob job, Instant completedAt, List<ContactResult> items) {

  public FinishedJob {
    items = List.copyOf(items);
  }
}
