package org.contactpipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API, the part this pipeline needs: register a
 * schema under a subject, look up the ID of a registered one, fetch a schema by ID, and read or set
 * a subject's compatibility. Any registry that speaks this API works: Confluent's own at its root
 * URL, Apicurio Registry under {@code /apis/ccompat/v6} or {@code /v7}.
 *
 * <p>A schema's ID never changes and never points to another schema, so schemas fetched by ID are
 * cached for the life of the client. Schemas are always sent as {@link Schema#toString()} of the
 * parsed schema, never as file text: registries that compare schemas by their exact text (Apicurio
 * by default) then find the same schema again.
 *
 * <p>Credentials may ride in the URL ({@code https://key:secret@host}); they become a basic {@code
 * Authorization} header and never appear in a message or log.
 */
public final class SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  private SchemaRegistryClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * A client of the registry at this URL (Confluent's root, or e.g. Apicurio's {@code
   * .../apis/ccompat/v6}).
   */
  public static SchemaRegistryClient at(String url) {
    URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "not an http(s) URL of a schema registry: " + withoutCredentials(uri));
    }
    String authorization = null;
    if (uri.getRawUserInfo() != null) {
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                          .getBytes(StandardCharsets.UTF_8));
      uri = URI.create(withoutCredentials(uri));
    }
    return new SchemaRegistryClient(uri, authorization);
  }

  /** The registry's URL without any credentials, for logs and messages. */
  public String url() {
    return base.toString();
  }

  /** Registers the schema under the subject (or finds it registered) and returns its ID. */
  public int register(String subject, Schema schema) {
    return send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema))
        .path("id")
        .asInt();
  }

  /**
   * The ID of this exact schema under the subject, or empty when the subject or the schema is not
   * registered.
   */
  public OptionalInt lookup(String subject, Schema schema) {
    try {
      JsonNode found = send("POST", "/subjects/" + segment(subject), schemaBody(schema));
      int id = found.path("id").asInt();
      schemasById.putIfAbsent(id, schema);
      return OptionalInt.of(id);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return OptionalInt.empty();
      }
      throw e;
    }
  }

  /** The schema with this ID, from the cache or the registry. */
  public Schema schema(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode found = send("GET", "/schemas/ids/" + id, null);
    String type = found.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SchemaRegistryException("schema " + id + " is " + type + ", not Avro", 200, 0);
    }
    Schema schema = new Schema.Parser().parse(found.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  /**
   * The versions registered under the subject, oldest first; empty when the subject does not exist.
   */
  public List<Integer> versions(String subject) {
    try {
      List<Integer> versions = new ArrayList<>();
      send("GET", "/subjects/" + segment(subject) + "/versions", null)
          .forEach(version -> versions.add(version.asInt()));
      return versions;
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return List.of();
      }
      throw e;
    }
  }

  /** The ID of one version of the subject. */
  public int idOfVersion(String subject, int version) {
    return send("GET", "/subjects/" + segment(subject) + "/versions/" + version, null)
        .path("id")
        .asInt();
  }

  /** Sets the subject's compatibility level, e.g. {@code BACKWARD_TRANSITIVE}. */
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", "/config/" + segment(subject), body.toString());
  }

  /**
   * The subject's own compatibility level, or empty when it has none (the registry's global level
   * applies).
   */
  public java.util.Optional<String> compatibility(String subject) {
    try {
      JsonNode config = send("GET", "/config/" + segment(subject), null);
      String level =
          config.path("compatibilityLevel").asText(config.path("compatibility").asText(""));
      return level.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(level);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Whether the registry would accept this schema as the subject's next version (true for a new
   * subject).
   */
  public boolean isCompatible(String subject, Schema schema) {
    try {
      return send(
              "POST",
              "/compatibility/subjects/" + segment(subject) + "/versions/latest",
              schemaBody(schema))
          .path("is_compatible")
          .asBoolean();
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return true;
      }
      throw e;
    }
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private JsonNode send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", CONTENT_TYPE + ", application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SchemaRegistryUnavailableException(
          "schema registry " + base + " unreachable (" + method + " " + path + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryUnavailableException(
          "interrupted while asking the schema registry " + base, e);
    }
    if (response.statusCode() >= 500) {
      throw new SchemaRegistryUnavailableException(
          "schema registry "
              + base
              + " answered "
              + response.statusCode()
              + " to "
              + method
              + " "
              + path
              + ": "
              + abbreviated(response.body()),
          null);
    }
    JsonNode json = parse(response.body());
    if (response.statusCode() >= 300) {
      throw new SchemaRegistryException(
          "schema registry "
              + base
              + " refused "
              + method
              + " "
              + path
              + ": "
              + response.statusCode()
              + " "
              + json.path("message").asText(abbreviated(response.body())),
          response.statusCode(),
          json.path("error_code").asInt(response.statusCode()));
    }
    return json;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", abbreviated(body));
    }
  }

  private static String abbreviated(String text) {
    return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static String segment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String withoutCredentials(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
