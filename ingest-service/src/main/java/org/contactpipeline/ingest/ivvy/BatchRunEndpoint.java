package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.JobSubmission;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * {@code batch?action=run}: checks every job ({@link BatchRunReader}), publishes one command per
 * job and then the batch's job record, and answers {@code {"asyncId"}} at once; the jobs are
 * decided afterwards, and {@code progress}, {@code results} and the {@code callbackUrl} tell how.
 * Kafka not taking the batch is iVvy's 24091 "The information was not saved": the caller retries,
 * though some of its jobs may already take effect (as a single call's may).
 */
final class BatchRunEndpoint
    implements WriteDialect<BatchPlan, ContactJob, IvvyRejection>, RefusesAsIvvy {

  private final ObjectMapper json;
  private final BatchRunReader reader;
  private final Commands commands;
  private final JobSubmission jobs;
  private final Clock clock;

  BatchRunEndpoint(
      ObjectMapper json,
      BatchRunReader reader,
      Commands commands,
      JobSubmission jobs,
      Clock clock) {
    this.json = json;
    this.reader = reader;
    this.commands = commands;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public BatchPlan read(Context ctx) {
    return reader.read(Tenants.of(ctx), Params.parse(json, ctx));
  }

  /** The batch's commands and then its job; the gateway is the job submission's own. */
  @Override
  public CompletableFuture<ContactJob> submit(CommandGateway gateway, BatchPlan plan) {
    String jobId = UUID.randomUUID().toString();
    Commands.Request request = commands.job(jobId, plan.jobs().size());
    List<ContactCommand> items = new ArrayList<>(plan.jobs().size());
    List<String> requests = new ArrayList<>(plan.jobs().size());
    for (int i = 0; i < plan.jobs().size(); i++) {
      BatchPlan.Job job = plan.jobs().get(i);
      items.add(job.command(request, i));
      requests.add(job.request());
    }
    ContactJob job =
        ContactJob.newBuilder()
            .setJobId(jobId)
            .setTenant(plan.tenant())
            .setKind(JobKind.IVVY_BATCH)
            .setItemCount(items.size())
            .setCallbackUrl(plan.callbackUrl())
            .setAcceptedAt(clock.instant())
            .setRequests(requests)
            .setResponseFields(List.of())
            .build();
    return jobs.submit(items, job).thenApply(accepted -> job);
  }

  @Override
  public void answer(Context ctx, BatchPlan plan, ContactJob job) {
    ctx.status(200).json(Map.of("asyncId", job.getJobId()));
  }

  @Override
  public void answerFailure(Context ctx, BatchPlan plan, PipelineFailure failure) {
    ctx.status(503)
        .json(
            new IvvyError(
                503,
                "The information was not saved",
                IvvyRejection.BATCH_NOT_SAVED,
                List.of(
                    "Batch "
                        + failure.requestId()
                        + " was not accepted by the pipeline, though some of its jobs may still"
                        + " take effect. Retry it; an add retried this way may answer that the"
                        + " email already exists, which getContactList confirms.")));
  }
}
