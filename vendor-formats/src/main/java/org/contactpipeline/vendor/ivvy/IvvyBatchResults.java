package org.contactpipeline.vendor.ivvy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * iVvy's batch results ({@code batch?action=results}, and the body POSTed to the batch's {@code
 * callbackUrl}): {@code {"asyncId", "results": [{"namespace", "action", "request", "response"}]}},
 * one entry per job in the order they were sent. {@code request} is the job's {@code params} as the
 * caller sent them (kept in the job's {@code requests}); {@code response} is what the same call
 * answers alone: {@code addOrUpdateContact}'s result object, {@code getContact}'s contact or its
 * error.
 */
public final class IvvyBatchResults {

  public static final String NAMESPACE = "contact";
  public static final String ADD_OR_UPDATE_CONTACT = "addOrUpdateContact";
  public static final String GET_CONTACT = "getContact";

  private final ObjectMapper json;
  private final IvvyContacts contacts;

  public IvvyBatchResults(ObjectMapper json) {
    this.json = json;
    this.contacts = new IvvyContacts(json);
  }

  /**
   * @param itemResults the job's item results in item order, one per job of the batch
   */
  public ObjectNode render(ContactJob job, List<ContactResult> itemResults) {
    ObjectNode body = json.createObjectNode();
    body.put("asyncId", job.getJobId());
    ArrayNode results = body.putArray("results");
    for (int i = 0; i < job.getRequests().size(); i++) {
      JsonNode request = parse(job.getRequests().get(i));
      ContactResult result = i < itemResults.size() ? itemResults.get(i) : null;
      String action = request.path("action").asText();
      ObjectNode entry = results.addObject();
      entry.put("namespace", request.path("namespace").asText(NAMESPACE));
      entry.put("action", action);
      entry.set("request", request.has("params") ? request.get("params") : NullNode.getInstance());
      entry.set("response", result == null ? NullNode.getInstance() : response(action, result));
    }
    return body;
  }

  private JsonNode response(String action, ContactResult result) {
    if (GET_CONTACT.equals(action)) {
      return json.valueToTree(
          switch (result.getOutcome()) {
            case RESOLVED ->
                contacts.view(result.getContactId(), result.getData(), CustomFieldNames.NONE);
            case NOT_FOUND, DELETED -> IvvyError.contactNotFound();
            case REJECTED -> IvvyError.of(400, result.getMessage());
          });
    }
    return json.valueToTree(AddOrUpdateResult.of(result));
  }

  private JsonNode parse(String request) {
    try {
      return json.readTree(request);
    } catch (JsonProcessingException e) {
      // Ingest wrote it as JSON; a job that is not cannot be echoed, but its outcome still can.
      return json.createObjectNode();
    }
  }
}
