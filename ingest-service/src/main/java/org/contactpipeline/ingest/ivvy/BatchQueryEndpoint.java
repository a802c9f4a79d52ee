package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.JobLookup;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.store.StoredJob;
import org.contactpipeline.vendor.JobResponses;

/**
 * The batch calls that only read, each {@code {"async": "<asyncId>"}} of the caller's tenant:
 * {@code progress} ({@code {"progress": n}}, the share of jobs decided, 100 when all are), {@code
 * results} (the batch's results, rendered by the same {@link JobResponses} as its callback, once
 * every job has one) and {@code restart}. Another tenant's batch, or a job that is not an iVvy
 * batch, is answered exactly as an unknown asyncId is.
 *
 * <p>{@code restart} has nothing to do here: an accepted batch never stops part-way, since every
 * job's command is durably in Kafka and is decided exactly once, so a batch still running will
 * finish without help. It answers {@code {"restarted": true}} for a known batch (iVvy's own answer
 * only promises that the batch will run, not that it restarts now).
 */
final class BatchQueryEndpoint
    implements QueryDialect<BatchQueryEndpoint.ByAsyncId, StoredJob, IvvyRejection>, RefusesAsIvvy {

  /** Which read-only batch call. */
  enum Call {
    PROGRESS(IvvyRejection.BATCH_NOT_FOUND),
    RESULTS(IvvyRejection.BATCH_RESULTS_NOT_FOUND),
    RESTART(IvvyRejection.BATCH_NOT_FOUND);

    private final int notFoundCode;

    Call(int notFoundCode) {
      this.notFoundCode = notFoundCode;
    }
  }

  record ByAsyncId(String tenant, String asyncId) {}

  private final ObjectMapper json;
  private final JobLookup jobs;
  private final Call call;

  BatchQueryEndpoint(ObjectMapper json, JobLookup jobs, Call call) {
    this.json = json;
    this.jobs = jobs;
    this.call = call;
  }

  @Override
  public ByAsyncId read(Context ctx) {
    return new ByAsyncId(Tenants.of(ctx), asyncId(Params.parse(json, ctx)));
  }

  /** The {@code async} parameter every batch call but {@code run} takes. */
  static String asyncId(Params params) {
    return params.text("async", true).strip();
  }

  @Override
  public StoredJob run(ByAsyncId query) {
    StoredJob job = find(jobs, query, call.notFoundCode);
    if (call == Call.RESULTS && !job.isComplete()) {
      throw IvvyRejection.batch(
          400,
          "Batch job not completed",
          IvvyRejection.BATCH_NOT_COMPLETED,
          job.progressPercent() + "% of its jobs have a result; poll batch?action=progress");
    }
    return job;
  }

  /** The tenant's iVvy batch, or the call's "Could not find batch". */
  static StoredJob find(JobLookup jobs, ByAsyncId query, int notFoundCode) {
    return jobs.find(query.tenant(), query.asyncId())
        .filter(stored -> stored.job().getKind() == JobKind.IVVY_BATCH)
        .orElseThrow(() -> IvvyRejection.batchNotFound(notFoundCode));
  }

  @Override
  public void answer(Context ctx, ByAsyncId query, StoredJob job) {
    switch (call) {
      case PROGRESS -> ctx.status(200).json(Map.of("progress", job.progressPercent()));
      case RESTART -> ctx.status(200).json(Map.of("restarted", true));
      case RESULTS ->
          ctx.status(200)
              .contentType(JobResponses.CONTENT_TYPE)
              .result(
                  JobResponses.render(
                      job.job(), jobs.itemResults(query.tenant(), query.asyncId())));
    }
  }
}
