package org.contactpipeline.ingest.ivvy;

import java.util.List;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * A {@code batch?action=run} whose every job passed the rules of its call.
 *
 * @param callbackUrl where the batch's results are POSTed when it finishes; null for none
 */
record BatchPlan(String tenant, List<Job> jobs, String callbackUrl) {

  BatchPlan {
    jobs = List.copyOf(jobs);
  }

  /**
   * One job of the batch: its request as the caller sent it (JSON text of {@code {namespace,
   * action, params}}, which the results echo) and the command it becomes.
   */
  sealed interface Job {

    String request();

    ContactCommand command(Commands.Request request, int index);
  }

  /** {@code addOrUpdateContact}: exactly the command the call alone becomes. */
  record AddOrUpdate(String request, IvvyContactChange change) implements Job {
    @Override
    public ContactCommand command(Commands.Request batch, int index) {
      return change.command(batch, index);
    }
  }

  /**
   * {@code getContact}: an update by ID that changes nothing, so the resolver answers with the
   * contact as it is (or not found) in order with the batch's other jobs; nothing is written for
   * it.
   */
  record GetContact(String request, String tenant, long contactId) implements Job {
    @Override
    public ContactCommand command(Commands.Request batch, int index) {
      return batch.item(index, ContactAddress.id(tenant, contactId), CommandAction.UPDATE, null);
    }
  }
}
