package org.contactpipeline.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.JobKind;

/**
 * Asynchronous jobs and their items' results as ingest-service and the resolver write them, for the
 * tests of the jobs tables and of sink-service: one shape everywhere.
 */
public final class JobRecords {

  /**
   * When every job of a test run was accepted: when the run started, so that no retention sweep of
   * a sink under test takes a test's job for an old one.
   */
  public static final Instant ACCEPTED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private JobRecords() {}

  /** A job of {@code itemCount} items as accepted, calling back {@code callbackUrl} (or none). */
  public static ContactJob job(String tenant, String jobId, int itemCount, String callbackUrl) {
    return ContactJob.newBuilder()
        .setJobId(jobId)
        .setTenant(tenant)
        .setKind(JobKind.CENDYN_CREATE_BULK)
        .setItemCount(itemCount)
        .setCallbackUrl(callbackUrl)
        .setAcceptedAt(ACCEPTED)
        .setRequests(List.of())
        .setResponseFields(List.of())
        .setRedeliver(false)
        .build();
  }

  /** The copy of an accepted job that asks for its callback again (iVvy repost). */
  public static ContactJob redelivery(ContactJob job) {
    return ContactJob.newBuilder(job).setRedeliver(true).build();
  }

  /**
   * The resolver's result for item {@code itemIndex} of a job: contact {@code 1000 + itemIndex},
   * new.
   */
  public static ContactResult itemResult(
      String tenant, String jobId, int itemIndex, int itemCount) {
    return ContactResult.newBuilder()
        .setRequestId(jobId)
        .setItemIndex(itemIndex)
        .setItemCount(itemCount)
        .setReplyTo(null)
        .setKey(new ContactKey(tenant, 0, jobId + "-item-" + itemIndex))
        .setContactId(1000L + itemIndex)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(true)
        .setResolvedAt(ACCEPTED.plusSeconds(1))
        .setAction(CommandAction.UPSERT)
        .setOutcome(CommandOutcome.RESOLVED)
        .setMessage(null)
        .setData(null)
        .setJob(true)
        .setUnchanged(false)
        .build();
  }

  /** The results of every item of a job, in item order. */
  public static List<ContactResult> itemResults(String tenant, String jobId, int itemCount) {
    return java.util.stream.IntStream.range(0, itemCount)
        .mapToObj(index -> itemResult(tenant, jobId, index, itemCount))
        .toList();
  }
}
