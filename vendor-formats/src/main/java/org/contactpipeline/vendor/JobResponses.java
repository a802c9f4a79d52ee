package org.contactpipeline.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.vendor.cendyn.CendynBulkWebhook;
import org.contactpipeline.vendor.ivvy.IvvyBatchResults;

/**
 * The vendor-worded response of a finished asynchronous job, rendered in one place for everyone who
 * says it: ingest-service's results and status calls, and sink-service's callback, which POSTs
 * exactly these bytes. The job's {@link org.contactpipeline.schemas.avro.JobKind} decides the
 * vendor: an iVvy batch's results ({@link IvvyBatchResults}), a Cendyn bulk create's webhook body
 * ({@link CendynBulkWebhook}).
 *
 * <p>iVvy custom fields are shown without their display names: those come from ingest's per-tenant
 * configuration, which the sink does not read, and both sides must say the same thing.
 */
public final class JobResponses {

  /** The media type of every rendered response. */
  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private JobResponses() {}

  /**
   * The response body as UTF-8 JSON.
   *
   * @param itemResults the job's item results in item order (index 0 first), all {@code
   *     job.getItemCount()} of them for a finished job
   */
  public static byte[] render(ContactJob job, List<ContactResult> itemResults) {
    try {
      return JSON.writeValueAsBytes(tree(job, itemResults));
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes.
      throw new IllegalStateException("cannot write the response of job " + job.getJobId(), e);
    }
  }

  /** The same response as a JSON tree, for a caller that adds to it (a status call). */
  public static ObjectNode tree(ContactJob job, List<ContactResult> itemResults) {
    return switch (job.getKind()) {
      case IVVY_BATCH -> new IvvyBatchResults(JSON).render(job, itemResults);
      case CENDYN_CREATE_BULK -> new CendynBulkWebhook(JSON).render(job, itemResults);
    };
  }
}
