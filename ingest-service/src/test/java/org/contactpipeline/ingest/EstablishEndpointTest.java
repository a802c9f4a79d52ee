package org.contactpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.RequestIds;
import org.contactpipeline.ingest.http.TenantTokens;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.marketingcloud.ContactEndpoints;
import org.contactpipeline.ingest.marketingcloud.EstablishEndpoint;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudApi;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudLimits;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.testing.InMemoryContactStore;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The establish contract at the HTTP boundary, with the pipeline behind it faked. */
class EstablishEndpointTest {

  /** The vendor's example request, byte for byte: PascalCase, tab indentation, trailing comma. */
  static final String SEED_REQUEST = "{\n\t\"ContactKeys\": [\"Key1\", \"Key2\"],\n}";

  static final String SEED_FIRE_AND_FORGET =
      "{\n\t\"ContactKeys\": [\"Key1\", \"Key2\"],\n"
          + "\t\"ReturnResults\": \"false\",\n\t\"CorrelateResponseItem\": \"false\",\n"
          + "\t\"IncludeNewContactAwareness\": \"false\"\n}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean resolverReady = new AtomicBoolean(true);
  private Javalin server;

  @BeforeEach
  void startServer() {
    // Results arrive last item first, so a response that keeps them in request order had to sort.
    pipeline.answering = TopologyPipeline.Answering.IN_REVERSE_ORDER;
    ObjectMapper json = JsonMappers.vendorJson();
    CommandGateway gateway = new CommandGateway(pipeline, pipeline, Duration.ofMillis(300));
    Commands commands = new Commands(Clock.systemDefaultZone(), pipeline.replyTo());
    WriteEndpoint<?, ?, ?> establish =
        new WriteEndpoint<>(
            new EstablishEndpoint(json, 5, 20, Clock.systemDefaultZone(), commands), gateway);
    ContactEndpoints contacts =
        new ContactEndpoints(
            json,
            new InMemoryContactStore(),
            gateway,
            commands,
            Clock.systemDefaultZone(),
            new MarketingCloudLimits(20, 5));
    Tenants tenants = new Tenants(TenantTokens.parse("demo=demo-token,other=other-token"));
    server =
        IngestApp.create(
                0,
                json,
                new HealthEndpoint(
                    List.of(
                        check("kafka", () -> true), check("resolver-streams", resolverReady::get))),
                List.of(new MarketingCloudApi(tenants, establish, contacts)))
            .start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
    pipeline.close();
  }

  @Test
  void shouldAnswerTheSeedExampleRequestInTheSeedsShape() throws Exception {
    HttpResponse<String> response = establish(SEED_REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(1);
    JsonNode envelope = body.get(0);
    assertThat(fieldNames(envelope))
        .containsExactly(
            "items",
            "requestServiceMessageID",
            "responseDateTime",
            "resultMessages",
            "serviceMessageID");
    assertThat(envelope.get("resultMessages").isEmpty()).isTrue();
    assertThat(OffsetDateTime.parse(envelope.get("responseDateTime").asText())).isNotNull();
    UUID requestId = UUID.fromString(envelope.get("requestServiceMessageID").asText());
    assertThat(UUID.fromString(envelope.get("serviceMessageID").asText())).isNotEqualTo(requestId);
    assertThat(pipeline.published)
        .extracting(ContactCommand::getRequestId)
        .containsOnly(requestId.toString());

    JsonNode first = envelope.get("items").get(0);
    assertThat(fieldNames(first)).containsExactly("value", "requestItemIndex", "resultMessages");
    assertThat(fieldNames(first.get("value")))
        .containsExactly("requestedContactKey", "contactReference");
    assertThat(first.get("value").get("requestedContactKey").asText()).isEqualTo("Key1");
    JsonNode reference = first.get("value").get("contactReference");
    assertThat(fieldNames(reference))
        .containsExactly("contactID", "contactType", "contactKey", "contactStatus");
    assertThat(reference.get("contactID").isIntegralNumber()).isTrue();
    assertThat(reference.get("contactType").asText()).isEqualTo("Default");
    assertThat(reference.get("contactKey").asText()).isEqualTo("Key1");
    assertThat(reference.get("contactStatus").asText()).isEqualTo("Active");
    assertThat(first.get("requestItemIndex").asInt()).isZero();
    assertThat(envelope.get("items").get(1).get("value").get("requestedContactKey").asText())
        .isEqualTo("Key2");
  }

  @Test
  void shouldAnswerTheFireAndForgetExampleWithoutWaitingForResults() throws Exception {
    HttpResponse<String> response = establish(SEED_FIRE_AND_FORGET);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode envelope = JSON.readTree(response.body()).get(0);
    assertThat(envelope.get("items").isEmpty()).isTrue();
    assertThat(envelope.get("resultMessages")).hasSize(1);
    JsonNode message = envelope.get("resultMessages").get(0);
    assertThat(message.get("resultType").asText()).isEqualTo("Operational");
    assertThat(message.get("resultClass").asText()).isEqualTo("Information");
    assertThat(message.get("resultCode").asText()).isEqualTo("ResponseReturnsNotRequested");
    assertThat(message.get("message").asText())
        .isEqualTo("ServiceCommand.ResultsProcessing.Information");
    assertThat(message.get("data").asText())
        .isEqualTo(
            "The data operation returned successfully but no results were requested to be returned. ");
    assertThat(pipeline.published)
        .hasSize(2)
        .allSatisfy(command -> assertThat(command.getReplyTo()).isNull());
    assertThat(pipeline.isWaitingFor(envelope.get("requestServiceMessageID").asText())).isFalse();
  }

  @Test
  void shouldReturnItemsInRequestOrderWhenCorrelating() throws Exception {
    JsonNode items = items(establish("{\"contactKeys\":[\"a\",\"b\",\"c\"]}"));

    assertThat(items.findValuesAsText("requestedContactKey")).containsExactly("a", "b", "c");
    assertThat(items.findValues("requestItemIndex"))
        .extracting(JsonNode::asInt)
        .containsExactly(0, 1, 2);
  }

  @Test
  void shouldReturnItemsInCompletionOrderWithTheirRequestIndexWhenNotCorrelating()
      throws Exception {
    JsonNode items =
        items(establish("{\"contactKeys\":[\"a\",\"b\",\"c\"],\"correlateResponseItem\":false}"));

    // The pipeline completes them in reverse order here (startServer).
    assertThat(items.findValuesAsText("requestedContactKey")).containsExactly("c", "b", "a");
    assertThat(items.findValues("requestItemIndex"))
        .extracting(JsonNode::asInt)
        .containsExactly(2, 1, 0);
  }

  @Test
  void shouldReportIsNewContactOnlyWhenAskedAndOnlyForTheCreatingItem() throws Exception {
    String body = "{\"contactKeys\":[\"x\",\"x\"],\"includeNewContactAwareness\":true}";

    JsonNode first = items(establish(body));
    JsonNode second = items(establish(body));

    assertThat(first.findValues("isNewContact"))
        .extracting(JsonNode::asBoolean)
        .containsExactly(true, false);
    assertThat(second.findValues("isNewContact"))
        .extracting(JsonNode::asBoolean)
        .containsExactly(false, false);
    assertThat(items(establish("{\"contactKeys\":[\"x\"]}")).findValues("isNewContact")).isEmpty();
  }

  @Test
  void shouldScopeCommandsToTheTenantOfTheTokenAndTheRequestedContactType() throws Exception {
    establish("{\"contactKeys\":[\"k\"],\"contactType\":3}", "other-token");

    assertThat(pipeline.published)
        .singleElement()
        .satisfies(
            command -> {
              assertThat(command.getKey().getTenant()).isEqualTo("other");
              assertThat(command.getKey().getContactType()).isEqualTo(3);
              assertThat(command.getReplyTo()).isEqualTo("ingest-test");
            });
  }

  @Test
  void shouldPublishEveryCommandWithTheRequestIdItAnswersAndTheTenantOfTheToken() throws Exception {
    HttpResponse<String> first = establish("{\"contactKeys\":[\"a\",\"b\"]}", "other-token");
    HttpResponse<String> second = establish("{\"contactKeys\":[\"c\"]}");

    String firstId = first.headers().firstValue(RequestIds.HEADER).orElseThrow();
    String secondId = second.headers().firstValue(RequestIds.HEADER).orElseThrow();
    assertThat(firstId).isNotEqualTo(secondId);
    assertThat(pipeline.publishedHeaders)
        .hasSize(3)
        .extracting(headers -> RequestHeaders.requestId(headers).orElseThrow())
        .containsExactly(firstId, firstId, secondId);
    assertThat(pipeline.publishedHeaders)
        .extracting(headers -> RequestHeaders.tenant(headers).orElseThrow())
        .containsExactly("other", "other", "demo");
  }

  @Test
  void shouldKeepTheCallersRequestIdWhenItIsPlausibleAndReplaceItOtherwise() throws Exception {
    HttpResponse<String> kept = establishWithRequestId("lb-4f1c.7:2");
    HttpResponse<String> replaced = establishWithRequestId("two words\"");

    assertThat(kept.headers().firstValue(RequestIds.HEADER)).contains("lb-4f1c.7:2");
    String newId = replaced.headers().firstValue(RequestIds.HEADER).orElseThrow();
    assertThat(UUID.fromString(newId)).isNotNull();
    assertThat(pipeline.publishedHeaders)
        .extracting(headers -> RequestHeaders.requestId(headers).orElseThrow())
        .containsExactly("lb-4f1c.7:2", newId);
  }

  private HttpResponse<String> establishWithRequestId(String requestId) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/contacts/v1/establish"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer demo-token")
            .header(RequestIds.HEADER, requestId)
            .POST(HttpRequest.BodyPublishers.ofString("{\"contactKeys\":[\"k\"]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRefuseMissingOrEmptyContactKeysAndPublishNothing() throws Exception {
    assertRejected(establish("{}"), "ContactKeysRequired");
    assertRejected(establish("{\"contactKeys\":[]}"), "ContactKeysRequired");
    assertRejected(establish("{\"contactKeys\":[\"ok\",\"\"]}"), "ContactKeyRequired");
    assertRejected(establish("{\"contactKeys\":[\"ok\",null]}"), "ContactKeyRequired");
    assertRejected(establish("{\"contactKeys\":[\"nul\\u0000\"]}"), "InvalidContactKey");
    assertRejected(establish("{\"contactKeys\":[\"half\\ud800\"]}"), "InvalidContactKey");
  }

  @Test
  void shouldRefuseMoreKeysOrLongerKeysThanConfigured() throws Exception {
    HttpResponse<String> tooMany =
        establish("{\"contactKeys\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}");
    assertRejected(tooMany, "TooManyContactKeys");
    assertThat(tooMany.body()).contains("at most 5");
    assertRejected(
        establish("{\"contactKeys\":[\"" + "k".repeat(21) + "\"]}"), "ContactKeyTooLong");
  }

  @Test
  void shouldRefuseMalformedBodiesWithAValidationMessage() throws Exception {
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"returnResults\":\"yes\"}"), "InvalidRequestBody");
    assertRejected(establish("{\"contactKeys\":\"a\"}"), "InvalidRequestBody");
    assertRejected(establish("{\"contactKeys\":[\"a\"],\"contactType\":-1}"), "InvalidContactType");
    assertRejected(establish("{\"contactKeys\":[\"a\"]"), "InvalidRequestBody");
    assertRejected(establish(""), "InvalidRequestBody");
    assertRejected(establish("[]"), "InvalidRequestBody");
    assertRejected(
        establish("{\"contactKeys\":[\"a\"]} {\"contactKeys\":[\"b\"]}"), "InvalidRequestBody");
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldRefuseNumbersAndBooleansAsContactKeysRatherThanTurnThemIntoText() throws Exception {
    // As text, 1e400 and 2e400 would both become "Infinity" and share one contact.
    assertRejected(establish("{\"contactKeys\":[1e400, 2e400]}"), "InvalidRequestBody");
    assertRejected(establish("{\"contactKeys\":[12345]}"), "InvalidRequestBody");
    assertRejected(establish("{\"contactKeys\":[true]}"), "InvalidRequestBody");
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldTakeOnlyTrueOrFalseForAnOptionAsABooleanOrAsText() throws Exception {
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"returnResults\":-1}"), "InvalidRequestBody");
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"returnResults\":\"   \"}"), "InvalidRequestBody");
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"returnResults\":\"\\u0007\"}"), "InvalidRequestBody");
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldRefuseMalformedUtf8RatherThanMergeKeysThatDecodeAlike() throws Exception {
    byte[] invalid = "{\"contactKeys\":[\"k?\"]}".getBytes(StandardCharsets.UTF_8);
    invalid[18] = (byte) 0xFF;
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/contacts/v1/establish"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer demo-token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalid))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRejected(response, "InvalidRequestBody");
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldRefuseAMemberGivenTwiceInOneSpellingOrTwoAndPublishNothing() throws Exception {
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"contactKeys\":[\"b\"]}"), "InvalidRequestBody");
    assertRejected(
        establish("{\"contactKeys\":[\"a\"],\"ContactKeys\":[\"b\"]}"), "InvalidRequestBody");
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldAnswer401WithAJsonErrorWithoutOrWithAnUnknownToken() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            send("/contacts/v1/establish", SEED_REQUEST, null),
            send("/contacts/v1/establish", SEED_REQUEST, "Bearer wrong"),
            send("/contacts/v1/establish", SEED_REQUEST, "Basic ZGVtbzpkZW1v"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).get("message").asText())
          .startsWith("Not Authorized");
      assertThat(response.headers().firstValue(RequestIds.HEADER)).isPresent();
    }
    assertThat(pipeline.published).isEmpty();
  }

  @Test
  void shouldAnswerGatewayTimeoutNamingTheRequestWhenNoResponseArrives() throws Exception {
    pipeline.answering = TopologyPipeline.Answering.NEVER;

    HttpResponse<String> response = establish(SEED_REQUEST);

    assertThat(response.statusCode()).isEqualTo(504);
    JsonNode envelope = JSON.readTree(response.body()).get(0);
    String requestId = envelope.get("requestServiceMessageID").asText();
    assertThat(requestId).isEqualTo(pipeline.published.get(0).getRequestId());
    JsonNode message = envelope.get("resultMessages").get(0);
    assertThat(message.get("resultCode").asText()).isEqualTo("ResponseTimedOut");
    assertThat(message.get("message").asText()).contains(requestId);
  }

  @Test
  void shouldAnswerGatewayTimeoutWhenOnlySomeItemsWereResolvedInTime() throws Exception {
    pipeline.answering = TopologyPipeline.Answering.INCOMPLETE;

    HttpResponse<String> response = establish(SEED_REQUEST);

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).contains("only 1 of 2 contacts");
  }

  @Test
  void shouldAnswerServiceUnavailableWhenKafkaDoesNotAcceptTheCommands() throws Exception {
    pipeline.refuseCommands = true;

    HttpResponse<String> response = establish(SEED_FIRE_AND_FORGET);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(
            JSON.readTree(response.body())
                .get(0)
                .get("resultMessages")
                .get(0)
                .get("message")
                .asText())
        .contains("not accepted")
        .contains("Retrying is safe");
  }

  @Test
  void shouldAnswerUnknownRoutesWithAJsonNotFound() throws Exception {
    HttpResponse<String> response = send("/contacts/v1/nothing-here", "{}", "Bearer demo-token");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).has("message")).isTrue();
  }

  @Test
  void shouldReportHealthyOnlyWhenEveryCheckIsReady() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);

    resolverReady.set(false);
    HttpResponse<String> down = get("/health");

    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode checks = JSON.readTree(down.body()).get("checks");
    assertThat(checks.get("resolver-streams").get("ready").asBoolean()).isFalse();
    assertThat(checks.get("kafka").get("ready").asBoolean()).isTrue();
  }

  private static HealthCheck check(String name, BooleanSupplier ready) {
    return HealthCheck.of(
        name,
        () ->
            new HealthStatus(
                ready.getAsBoolean(), ready.getAsBoolean() ? "RUNNING" : "REBALANCING"));
  }

  private void assertRejected(HttpResponse<String> response, String resultCode) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode message = JSON.readTree(response.body()).get(0).get("resultMessages").get(0);
    assertThat(message.get("resultType").asText()).isEqualTo("Validation");
    assertThat(message.get("resultClass").asText()).isEqualTo("Error");
    assertThat(message.get("resultCode").asText()).isEqualTo(resultCode);
    assertThat(message.get("message").asText()).isNotBlank();
    assertThat(pipeline.published).isEmpty();
  }

  private static JsonNode items(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get(0).get("items");
  }

  private HttpResponse<String> establish(String body) throws Exception {
    return establish(body, "demo-token");
  }

  private HttpResponse<String> establish(String body, String token) throws Exception {
    return send("/contacts/v1/establish", body, "Bearer " + token);
  }

  private HttpResponse<String> send(String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
