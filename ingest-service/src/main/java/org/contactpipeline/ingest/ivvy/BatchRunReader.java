package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.vendor.ivvy.IvvyBatchResults;

/**
 * Reads {@code batch?action=run}: {@code jobs} (1 to {@link #MAX_JOBS} of {@code {namespace,
 * action, params}}) and an optional {@code callbackUrl}. Only the contact namespace's {@code
 * addOrUpdateContact} and {@code getContact} run here; each job's params are checked exactly as the
 * call alone checks them, named by the job's path ({@code 'jobs[2].params.email' does not
 * validate}). The batch is all or nothing: the first job that fails refuses the whole batch, as a
 * single call is refused, and nothing is published.
 */
final class BatchRunReader {

  /** iVvy's limit per batch (24448). */
  static final int MAX_JOBS = 200;

  /**
   * The most JSON text the jobs may hold in all: the job's record carries every request for the
   * results to echo, and must fit one Kafka record (1 MB by default).
   */
  static final int MAX_REQUESTS_CHARS = 900_000;

  private static final Set<String> ACTIONS =
      Set.of(IvvyBatchResults.ADD_OR_UPDATE_CONTACT, IvvyBatchResults.GET_CONTACT);

  private final ObjectMapper json;
  private final AddOrUpdateValidator validator;
  private final CallbackPolicy callbacks;

  BatchRunReader(ObjectMapper json, AddOrUpdateValidator validator, CallbackPolicy callbacks) {
    this.json = json;
    this.validator = validator;
    this.callbacks = callbacks;
  }

  BatchPlan read(String tenant, Params body) {
    JsonNode jobs = body.raw("jobs");
    if (jobs == null || jobs.isNull()) {
      throw IvvyRejection.incorrectJobFormat(
          "'jobs' is required: an array of {\"namespace\", \"action\", \"params\"}");
    }
    if (!jobs.isArray() || jobs.isEmpty()) {
      throw IvvyRejection.incorrectJobFormat(
          "'jobs' must be an array of 1 to "
              + MAX_JOBS
              + " {\"namespace\", \"action\", \"params\"}");
    }
    if (jobs.size() > MAX_JOBS) {
      throw IvvyRejection.batch(
          400,
          "The maximum number of jobs can be put on a single request is " + MAX_JOBS,
          IvvyRejection.TOO_MANY_JOBS,
          jobs.size() + " jobs were given");
    }
    String callbackUrl = callbackUrl(body);
    List<BatchPlan.Job> planned = new ArrayList<>(jobs.size());
    int requestChars = 0;
    for (int i = 0; i < jobs.size(); i++) {
      BatchPlan.Job job = job(tenant, jobs.get(i), "jobs[" + i + "]");
      requestChars += job.request().length();
      planned.add(job);
    }
    if (requestChars > MAX_REQUESTS_CHARS) {
      throw IvvyRejection.incorrectJobFormat(
          "the jobs hold "
              + requestChars
              + " characters of JSON in all; a batch takes at most "
              + MAX_REQUESTS_CHARS
              + ": split it");
    }
    return new BatchPlan(tenant, planned, callbackUrl);
  }

  private BatchPlan.Job job(String tenant, JsonNode element, String path) {
    if (element == null || !element.isObject()) {
      throw IvvyRejection.incorrectJobFormat(
          path + " must be an object with namespace, action and params");
    }
    Params job = Params.nested(element, path);
    String namespace = name(job, "namespace", path);
    String action = name(job, "action", path);
    if (!namespace.equals(IvvyBatchResults.NAMESPACE) || !ACTIONS.contains(action)) {
      throw IvvyRejection.incorrectJobFormat(
          path
              + " calls "
              + namespace
              + "?action="
              + action
              + ", which cannot run in a batch here; only contact?action=addOrUpdateContact"
              + " and contact?action=getContact can");
    }
    JsonNode params = job.raw("params");
    if (params == null || params.isNull() || params.isObject() && params.isEmpty()) {
      throw IvvyRejection.batch(
          400,
          "Empty job parameter found",
          IvvyRejection.EMPTY_JOB_PARAMETER,
          path + ".params is empty");
    }
    if (!params.isObject()) {
      throw IvvyRejection.incorrectJobFormat(path + ".params must be an object");
    }
    Params parameters = Params.nested(params, path + ".params");
    String request = request(namespace, action, params);
    if (action.equals(IvvyBatchResults.GET_CONTACT)) {
      Long id = parameters.wholeNumber("id");
      if (id == null) {
        throw IvvyRejection.missing(parameters.path("id"));
      }
      if (id <= 0) {
        throw IvvyRejection.invalid(parameters.path("id"), "Value must be a positive whole number");
      }
      return new BatchPlan.GetContact(request, tenant, id);
    }
    return new BatchPlan.AddOrUpdate(request, validator.validate(tenant, parameters));
  }

  private static String name(Params job, String member, String path) {
    JsonNode value = job.raw(member);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw IvvyRejection.incorrectJobFormat(path + "." + member + " is required (a string)");
    }
    return value.textValue();
  }

  private String callbackUrl(Params body) {
    String url = body.text("callbackUrl", false);
    if (url == null) {
      return null;
    }
    callbacks
        .problemWith(url)
        .ifPresent(
            problem -> {
              throw IvvyRejection.invalid("callbackUrl", "Value cannot be used: " + problem);
            });
    return url.strip();
  }

  /** The job as the results echo it: exactly its namespace, action and params. */
  private String request(String namespace, String action, JsonNode params) {
    ObjectNode request = json.createObjectNode();
    request.put("namespace", namespace);
    request.put("action", action);
    request.set("params", params);
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serializes", e);
    }
  }
}
