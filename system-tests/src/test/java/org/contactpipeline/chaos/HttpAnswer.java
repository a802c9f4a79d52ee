package org.contactpipeline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP answer the load driver got: when it was asked and answered, its status (-1: no answer),
 * and what it said. The checks and the report read nothing else of the HTTP traffic.
 */
record HttpAnswer(
    long sentNanos,
    long answeredNanos,
    int status,
    List<String> keys,
    String requestId,
    Map<String, Long> ids,
    String body) {

  /** The status of a request that got no answer: refused, or cut when ingest was killed. */
  static final int NO_ANSWER = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request that failed before any answer came, with the failure as its body. */
  static HttpAnswer unanswered(long sentNanos, long failedNanos, List<String> keys, String why) {
    return new HttpAnswer(sentNanos, failedNanos, NO_ANSWER, keys, null, Map.of(), why);
  }

  /**
   * An establish answer: the request ID ingest named (any status), and each key's contact ID (200
   * only). A body that is not JSON is kept as is; the checks count it as an unclear answer.
   */
  static HttpAnswer parse(
      long sentNanos, long answeredNanos, int status, List<String> keys, String body) {
    Map<String, Long> ids = new LinkedHashMap<>();
    String requestId = null;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode response = root.isArray() && !root.isEmpty() ? root.get(0) : root;
      if (response.hasNonNull("requestServiceMessageID")) {
        requestId = response.get("requestServiceMessageID").asText();
      }
      if (status == 200) {
        for (JsonNode item : response.path("items")) {
          JsonNode reference = item.path("value").path("contactReference");
          ids.put(reference.path("contactKey").asText(), reference.path("contactID").asLong());
        }
      }
    } catch (IOException e) {
      // Not JSON: recorded as is.
    }
    return new HttpAnswer(sentNanos, answeredNanos, status, keys, requestId, ids, body);
  }

  /** The last moment the request is known to have been open: its answer, or its sending. */
  long lastSeenNanos() {
    return Math.max(sentNanos, answeredNanos);
  }
}
