package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.ingest.http.JsonBodies;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.ingest.pipeline.JobSubmission;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;

/**
 * {@code POST /v2/account/{account_id}/contact/create_bulk}: checks the whole request (every
 * contact as a single create checks it), publishes one command per contact and then the job, and
 * answers 202 at once with the bulk's id; the contacts are decided afterwards, and the bulk's
 * status call ({@link BulkStatusEndpoint}) and webhook tell how each went. Without {@code
 * match_contact_user_id} each contact is created only ({@code CREATE}: a contact whose key the
 * account already has fails, named in the webhook's {@code failed_contacts}); with it, each is
 * created or updated by its key ({@code UPSERT}, as the single create does). Contacts are keyed by
 * email (or phone), not by {@code user_id}, until identity by any identifier exists.
 */
final class CreateBulkEndpoint
    implements WriteDialect<CreateBulkPlan, ContactJob, CendynRejection>, RefusesAsCendyn {

  private final ObjectMapper json;
  private final CreateBulkReader reader;
  private final Commands commands;
  private final JobSubmission jobs;
  private final Clock clock;

  CreateBulkEndpoint(
      ObjectMapper json,
      Commands commands,
      JobSubmission jobs,
      CallbackPolicy callbacks,
      Clock clock) {
    this.json = json;
    this.reader = new CreateBulkReader(callbacks);
    this.commands = commands;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public CreateBulkPlan read(Context ctx) {
    String tenant = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    return reader.read(tenant, parse(ctx));
  }

  /** The job's commands and then the job; the gateway is the job submission's own. */
  @Override
  public CompletableFuture<ContactJob> submit(CommandGateway gateway, CreateBulkPlan plan) {
    String jobId = UUID.randomUUID().toString();
    List<CreateContactPlan> contacts = plan.contacts();
    Commands.Request request = commands.job(jobId, contacts.size());
    CommandAction action = plan.matchContactUserId() ? CommandAction.UPSERT : CommandAction.CREATE;
    List<ContactCommand> items = new ArrayList<>(contacts.size());
    for (int i = 0; i < contacts.size(); i++) {
      CreateContactPlan contact = contacts.get(i);
      items.add(request.item(i, ContactAddress.key(contact.key()), action, contact.changes()));
    }
    ContactJob job =
        ContactJob.newBuilder()
            .setJobId(jobId)
            .setTenant(plan.account())
            .setKind(JobKind.CENDYN_CREATE_BULK)
            .setItemCount(contacts.size())
            .setCallbackUrl(plan.webhookUrl())
            .setAcceptedAt(clock.instant())
            .setRequests(List.of())
            .setResponseFields(plan.webhookExtraFields())
            .build();
    return jobs.submit(items, job).thenApply(accepted -> job);
  }

  @Override
  public void answer(Context ctx, CreateBulkPlan plan, ContactJob job) {
    ctx.status(HttpStatus.ACCEPTED)
        .header("Location", BulkStatusEndpoint.path(job.getTenant(), job.getJobId()))
        .json(BulkStatusEndpoint.accepted(json, job));
  }

  @Override
  public void answerFailure(Context ctx, CreateBulkPlan plan, PipelineFailure failure) {
    ctx.status(failure.httpStatus())
        .json(
            new CendynError(
                "bulk "
                    + failure.requestId()
                    + " could not be written to the pipeline and was not accepted; some of its"
                    + " contacts may still be created or updated. Retrying is safe with"
                    + " match_contact_user_id, which updates the contacts already created"));
  }

  private JsonNode parse(Context ctx) {
    try {
      return JsonBodies.read(json, ctx);
    } catch (JsonBodies.Unreadable e) {
      throw CendynRejection.malformed(
          e.duplicatedMember() != null
              ? "the request body gives "
                  + e.duplicatedMember()
                  + " more than once ("
                  + e.getMessage()
                  + ")"
              : "the request body is not valid JSON: " + e.getMessage());
    }
  }
}
