package org.contactpipeline.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * A job's callback body in no vendor's words: the job id, its item count, and per item its index,
 * contact ID (0 for none), outcome, whether it created the contact, whether it changed nothing, and
 * the resolver's message.
 *
 * <pre>
 * {"jobId":"…","itemCount":2,"items":[
 *   {"itemIndex":0,"contactId":1000,"outcome":"RESOLVED","newContact":true,"unchanged":false,"message":null},
 *   …]}
 * </pre>
 */
final class NeutralJobResponseBody implements JobResponseBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public byte[] render(ContactJob job, List<ContactResult> itemResults) {
    ObjectNode body = JSON.createObjectNode();
    body.put("jobId", job.getJobId());
    body.put("itemCount", job.getItemCount());
    ArrayNode items = body.putArray("items");
    for (ContactResult result : itemResults) {
      items
          .addObject()
          .put("itemIndex", result.getItemIndex())
          .put("contactId", result.getContactId())
          .put("outcome", result.getOutcome().name())
          .put("newContact", result.getNewContact())
          .put("unchanged", result.getUnchanged())
          .put("message", result.getMessage());
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}
