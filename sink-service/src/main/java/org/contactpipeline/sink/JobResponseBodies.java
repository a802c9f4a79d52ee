package org.contactpipeline.sink;

import java.util.List;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.vendor.JobResponses;

/**
 * Words a finished job's response as the vendor call that submitted it does (the job's {@link
 * org.contactpipeline.schemas.avro.JobKind}): the JSON body its callback POSTs. It must be a pure
 * function of its arguments, so that every attempt and every redelivery of a callback carries the
 * same body under the same idempotency key.
 */
@FunctionalInterface
public interface JobResponseBodies {

  /**
   * The callback body of {@code job}, UTF-8 JSON.
   *
   * @param job the job as ingest-service accepted it (its kind, the requests its response echoes)
   * @param itemResults the result of every item, in item order
   */
  byte[] render(ContactJob job, List<ContactResult> itemResults);

  /**
   * The vendors' own words ({@link JobResponses}): what ingest-service's results and status calls
   * answer for the same job.
   */
  static JobResponseBodies vendorWorded() {
    return JobResponses::render;
  }
}
