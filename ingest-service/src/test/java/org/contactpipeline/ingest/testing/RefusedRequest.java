package org.contactpipeline.ingest.testing;

/**
 * A request an API must refuse before anything reaches the pipeline, with what the refusal must
 * say. Each vendor keeps a catalogue of these; its endpoint test replays it against the test
 * pipeline and {@code RefusedRequestsIT} replays it against the real stack, so every validation
 * rule is proven in both places from one list.
 *
 * @param rule the validation rule, as a sentence for test names
 * @param method HTTP method
 * @param path path and query, for tenant {@code demo}
 * @param authorization the Authorization header to send (the demo tenant's, in the API's scheme)
 * @param body request body, or null for none
 * @param status the HTTP status the API must answer
 * @param mustMention text the error body must contain (an error code, the offending parameter)
 */
public record RefusedRequest(
    String rule,
    String method,
    String path,
    String authorization,
    String body,
    int status,
    String mustMention) {

  @Override
  public String toString() {
    return rule;
  }
}
