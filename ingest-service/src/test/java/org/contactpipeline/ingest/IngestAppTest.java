package org.contactpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ContactPage;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.store.ContactStoreException;
import org.contactpipeline.store.DeleteOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the app does for every vendor alike, with all three APIs wired as in production: limits and
 * failures that no handler answers itself still come back in the vendor's own error shape.
 */
class IngestAppTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin server;

  @BeforeEach
  void start() {
    IngestConfig config =
        IngestConfig.from(
            Settings.layer(IngestConfig.DEFAULTS, Map.of("AUTH_TENANT_TOKENS", "demo=demo-token")));
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of(HealthCheck.of("kafka", () -> HealthStatus.up("test")))),
                VendorApis.all(
                    config, pipeline, pipeline, new UnavailableStore(), Clock.systemUTC()))
            .start();
  }

  @AfterEach
  void stop() {
    server.stop();
    pipeline.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/contacts/v1/contacts, Bearer demo-token, message",
    "/api/1.0/contact?action=addOrUpdateContact, Bearer demo-token, errorCode",
    "/v2/account/demo/contact/, Token token=demo-token, error"
  })
  void shouldRefuseABodyOverTheLimitWith413InTheVendorsShapeAndPublishNothing(
      String path, String authorization, String errorField) throws Exception {
    String huge = "{\"note\": \"" + "x".repeat((int) IngestApp.MAX_REQUEST_BYTES) + "\"}";

    HttpResponse<String> response = send("POST", path, authorization, huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).has(errorField)).as(response.body()).isTrue();
    assertThat(pipeline.published).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/contacts/v1/contacts/key:a%00b",
        "/api/1.0/contact%00",
        "/v2/account/demo%00/contact/"
      })
  void shouldAnswerAPathTheWebServerRefusesBeforeRoutingWithJsonNotHtml(String path)
      throws Exception {
    HttpResponse<String> response = send("GET", path, "Bearer demo-token", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).get("errorcode").asInt())
        .as(response.body())
        .isEqualTo(400);
  }

  @Test
  void shouldAnswerAHeaderTooLargeForTheWebServerWithJsonNotHtml() throws Exception {
    HttpResponse<String> response =
        send("GET", "/contacts/v1/attributeSetDefinitions", "Bearer " + "x".repeat(20_000), null);

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(JSON.readTree(response.body()).get("errorcode").asInt())
        .as(response.body())
        .isEqualTo(431);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/contacts/v1/contacts/key:someone, Bearer demo-token, message",
    "/v2/account/demo/contact/, Token token=demo-token, error"
  })
  void shouldAnswer503InTheVendorsShapeWhenTheReadSideIsDown(
      String path, String authorization, String errorField) throws Exception {
    HttpResponse<String> response = send("GET", path, authorization, null);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.has(errorField)).as(response.body()).isTrue();
    assertThat(response.body()).contains("retry");
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Authorization", authorization)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A read side whose database is down. */
  private static final class UnavailableStore implements ContactStore {

    @Override
    public Optional<ContactRecord> byKey(ContactKey key) {
      throw down();
    }

    @Override
    public Optional<ContactRecord> byId(String tenant, long contactId) {
      throw down();
    }

    @Override
    public ContactPage find(ContactQuery query) {
      throw down();
    }

    @Override
    public Optional<DeleteOperation> deleteOperation(String tenant, String operationId) {
      throw down();
    }

    private static ContactStoreException down() {
      return new ContactStoreException(
          "database down (test)", new java.sql.SQLException("connection refused"));
    }
  }
}
