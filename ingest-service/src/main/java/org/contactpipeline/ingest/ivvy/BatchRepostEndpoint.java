package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.JobLookup;
import org.contactpipeline.ingest.pipeline.JobSubmission;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.store.StoredJob;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * {@code batch?action=repost}: asks sink-service to POST a finished batch's results to its {@code
 * callbackUrl} again (the job's copy with {@code redeliver} set on {@code contact.jobs}), and
 * answers {@code {"reposted": true}} once Kafka holds the request; the callback follows, as iVvy
 * says, not necessarily at once. A batch still running is refused with 24114 (its callback has not
 * been sent yet, and will be when it finishes), a batch without a callbackUrl with a plain 400
 * (there is nowhere to post), an unknown one with 24105.
 */
final class BatchRepostEndpoint
    implements WriteDialect<StoredJob, StoredJob, IvvyRejection>, RefusesAsIvvy {

  private final ObjectMapper json;
  private final JobLookup jobs;
  private final JobSubmission submission;

  BatchRepostEndpoint(ObjectMapper json, JobLookup jobs, JobSubmission submission) {
    this.json = json;
    this.jobs = jobs;
    this.submission = submission;
  }

  @Override
  public StoredJob read(Context ctx) {
    BatchQueryEndpoint.ByAsyncId query =
        new BatchQueryEndpoint.ByAsyncId(
            Tenants.of(ctx), BatchQueryEndpoint.asyncId(Params.parse(json, ctx)));
    StoredJob job = BatchQueryEndpoint.find(jobs, query, IvvyRejection.BATCH_NOT_FOUND);
    if (!job.isComplete()) {
      throw IvvyRejection.batch(
          400,
          "Batch job not completed",
          IvvyRejection.BATCH_NOT_COMPLETED,
          "its callback is posted when it completes; there is nothing to repost yet");
    }
    if (job.job().getCallbackUrl() == null) {
      throw IvvyRejection.unprocessable(
          "The batch has no callbackUrl, so there is no callback to repost; fetch its results"
              + " with batch?action=results");
    }
    return job;
  }

  @Override
  public CompletableFuture<StoredJob> submit(CommandGateway gateway, StoredJob job) {
    return submission.redeliver(job.job()).thenApply(published -> job);
  }

  @Override
  public void answer(Context ctx, StoredJob plan, StoredJob job) {
    ctx.status(200).json(Map.of("reposted", true));
  }

  @Override
  public void answerFailure(Context ctx, StoredJob job, PipelineFailure failure) {
    ctx.status(503)
        .json(
            new IvvyError(
                503,
                "The information was not saved",
                IvvyRejection.BATCH_NOT_SAVED,
                List.of("The repost was not accepted by the pipeline; retry it")));
  }
}
