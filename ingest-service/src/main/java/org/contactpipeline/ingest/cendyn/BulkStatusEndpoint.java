package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.JobLookup;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.store.StoredJob;
import org.contactpipeline.vendor.JobResponses;

/**
 * {@code GET /v2/account/{account_id}/contact/create_bulk/{bulk_id}}, this project's extension
 * (Cendyn documents only the webhook): {@code {"bulk_id", "status": "processing" | "finished",
 * "contacts_count", "processed_count", "progress"}}, and once finished also {@code finished_at} and
 * the webhook's own body ({@code contacts_valid_count}, {@code valid_contacts}, ...), rendered by
 * the same {@link JobResponses} the webhook is. Another account's bulk, or a bulk id that is not a
 * bulk create's, is not found, exactly like one that never existed.
 */
final class BulkStatusEndpoint
    implements QueryDialect<
            BulkStatusEndpoint.BulkId, Optional<BulkStatusEndpoint.Status>, CendynRejection>,
        RefusesAsCendyn {

  static final String ROUTE = "/v2/account/{account_id}/contact/create_bulk/{bulk_id}";

  private final ObjectMapper json;
  private final JobLookup jobs;

  BulkStatusEndpoint(ObjectMapper json, JobLookup jobs) {
    this.json = json;
    this.jobs = jobs;
  }

  record BulkId(String account, String bulkId) {}

  /** The job as recorded, and the webhook's body once it is finished (null before). */
  record Status(StoredJob job, ObjectNode finishedBody) {}

  /** Where the status of a bulk is read. */
  static String path(String account, String bulkId) {
    return "/v2/account/" + account + "/contact/create_bulk/" + bulkId;
  }

  /** The answer to the submission: the status of a bulk nothing of which is decided yet. */
  static ObjectNode accepted(ObjectMapper json, ContactJob job) {
    return progress(json, new StoredJob(job, 0, null));
  }

  @Override
  public BulkId read(Context ctx) {
    String account = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    return new BulkId(account, ctx.pathParam("bulk_id"));
  }

  @Override
  public Optional<Status> run(BulkId query) {
    return jobs.find(query.account(), query.bulkId())
        .filter(stored -> stored.job().getKind() == JobKind.CENDYN_CREATE_BULK)
        .map(
            stored ->
                new Status(
                    stored,
                    stored.isComplete()
                        ? JobResponses.tree(
                            stored.job(), jobs.itemResults(query.account(), query.bulkId()))
                        : null));
  }

  @Override
  public void answer(Context ctx, BulkId query, Optional<Status> found) {
    if (found.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND)
          .json(new CendynError("bulk " + query.bulkId() + " not found in this account"));
      return;
    }
    Status status = found.get();
    ObjectNode body = progress(json, status.job());
    if (status.finishedBody() != null) {
      body.put("finished_at", status.job().completedAt().toString());
      body.setAll(status.finishedBody());
    }
    ctx.status(HttpStatus.OK).json(body);
  }

  private static ObjectNode progress(ObjectMapper json, StoredJob stored) {
    ObjectNode body = json.createObjectNode();
    body.put("bulk_id", stored.job().getJobId());
    body.put("status", stored.isComplete() ? "finished" : "processing");
    body.put("contacts_count", stored.job().getItemCount());
    body.put(
        "processed_count",
        stored.isComplete() ? stored.job().getItemCount() : stored.recordedItems());
    body.put("progress", stored.progressPercent());
    return body;
  }
}
