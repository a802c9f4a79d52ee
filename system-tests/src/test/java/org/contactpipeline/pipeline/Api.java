package org.contactpipeline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP client for the stack's API, as a caller would use it. Every answer it receives is
 * checked against the OpenAPI document ({@link OpenApiContract}), so each integration test that
 * talks through it also proves the document describes what it saw.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;

  Api(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** POSTs a raw body to establish; returns status and parsed body. */
  Reply establish(String body) {
    return post("/contacts/v1/establish", body);
  }

  /** Establishes keys and returns key → contact ID, failing unless the answer is 200. */
  Map<String, Long> establishIds(List<String> keys) {
    Reply reply = establish(jsonKeys(keys));
    if (reply.status() != 200) {
      throw new AssertionError("establish answered " + reply.status() + ": " + reply.body());
    }
    Map<String, Long> ids = new LinkedHashMap<>();
    for (JsonNode item : reply.body().get(0).get("items")) {
      JsonNode reference = item.get("value").get("contactReference");
      ids.put(reference.get("contactKey").asText(), reference.get("contactID").asLong());
    }
    return ids;
  }

  static String jsonKeys(List<String> keys) {
    try {
      return JSON.writeValueAsString(Map.of("contactKeys", keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply post(String path, String body) {
    return send("POST", path, "Bearer " + token, body);
  }

  Reply get(String path) {
    return send("GET", path, "Bearer " + token, null);
  }

  Reply patch(String path, String body) {
    return send("PATCH", path, "Bearer " + token, body);
  }

  /** A Cendyn CRM call of this client's tenant, with the Cendyn token scheme. */
  Reply cendyn(String method, String path, String body) {
    return send(method, path, tokenScheme(), body);
  }

  /** Marketing Cloud's delete by {@code type} ({@code keys} or {@code ids}) of the given values. */
  Reply deleteContacts(String type, List<?> values) {
    try {
      return post(
          "/contacts/v1/contacts/actions/delete?type=" + type,
          JSON.writeValueAsString(
              Map.of("values", values, "DeleteOperationType", "ContactAndAttributes")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any request with the Authorization header given in full (Cendyn: {@code Token token=...}). */
  Reply send(String method, String path, String authorization, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    Reply reply = send(request.build());
    OpenApiContract.get().requireConforms(method, path, reply.status(), reply.body());
    return reply;
  }

  /**
   * Sends once more when the pooled connection the client picked turned out closed before a byte of
   * an answer came back: the server had closed it (its idle timeout, or a stack restarted by an
   * earlier test) and never read the request. Any other failure is the test's to see.
   */
  private static HttpResponse<String> sendOnALiveConnection(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (!closedBeforeAnswering(e)) {
        throw e;
      }
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static boolean closedBeforeAnswering(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EOFException
          || String.valueOf(cause.getMessage()).contains("header parser received no bytes")) {
        return true;
      }
    }
    return false;
  }

  /** The Cendyn CRM scheme for this client's token. */
  String tokenScheme() {
    return "Token token=" + token;
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = sendOnALiveConnection(request);
      return new Reply(
          response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Reply(int status, JsonNode body) {

    /** The body's member names in the order the server wrote them. */
    List<String> fieldNames() {
      List<String> names = new ArrayList<>();
      body.fieldNames().forEachRemaining(names::add);
      return names;
    }
  }
}
