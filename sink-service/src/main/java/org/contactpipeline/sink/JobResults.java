package org.contactpipeline.sink;

import java.time.temporal.ChronoUnit;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.JobItemOutcome;
import org.contactpipeline.store.FinishedJob;

/**
 * The {@code ContactJobResult} of a finished job: built only from what the tables hold, so that a
 * job announced twice (after a crash) is announced with identical content.
 */
final class JobResults {

  private JobResults() {}

  static ContactJobResult of(FinishedJob finished) {
    ContactJob job = finished.job();
    return ContactJobResult.newBuilder()
        .setJobId(job.getJobId())
        .setTenant(job.getTenant())
        .setKind(job.getKind())
        .setItemCount(job.getItemCount())
        .setAcceptedAt(job.getAcceptedAt())
        // The column keeps microseconds, the record milliseconds: cut the same way every time.
        .setCompletedAt(finished.completedAt().truncatedTo(ChronoUnit.MILLIS))
        .setItems(finished.items().stream().map(JobResults::outcome).toList())
        .build();
  }

  private static JobItemOutcome outcome(ContactResult result) {
    return JobItemOutcome.newBuilder()
        .setItemIndex(result.getItemIndex())
        .setContactId(result.getContactId())
        .setOutcome(result.getOutcome())
        .setNewContact(result.getNewContact())
        .setUnchanged(result.getUnchanged())
        .setMessage(result.getMessage())
        .build();
  }
}
