package org.contactpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.testing.ErrorShapes.Vendor.CENDYN;
import static org.contactpipeline.ingest.testing.ErrorShapes.Vendor.IVVY;
import static org.contactpipeline.ingest.testing.ErrorShapes.Vendor.MARKETING_CLOUD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.testing.ErrorShapes;
import org.contactpipeline.ingest.testing.RawHttp;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad input a black-box fuzzer found getting through (issue 9), one test per finding, with all
 * three APIs wired as in production: each is refused at its root, in the vendor's own shape, and
 * nothing reaches the pipeline.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROMPTLY = Duration.ofSeconds(2);

  private final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin server;
  private int publishedBefore;

  /** One write of each API, valid but for what a test puts into the {@code @} in its body. */
  private record Write(
      ErrorShapes.Vendor vendor, String method, String path, String authorization, String body) {

    byte[] with(byte[] inserted) {
      int at = body.indexOf('@');
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
      bytes.writeBytes(inserted);
      bytes.writeBytes(body.substring(at + 1).getBytes(StandardCharsets.UTF_8));
      return bytes.toByteArray();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<Write> WRITES =
      List.of(
          new Write(
              MARKETING_CLOUD,
              "POST",
              "/contacts/v1/establish",
              "Bearer demo-token",
              "{\"contactKeys\": [\"ovl@a\"]}"),
          new Write(
              MARKETING_CLOUD,
              "POST",
              "/contacts/v1/contacts",
              "Bearer demo-token",
              "{\"contactKey\": \"k@\", \"attributeSets\": [{\"name\": \"Email Addresses\", \"items\": [{\"values\": ["
                  + "{\"name\": \"Email Address\", \"value\": \"a@example.com\"}, {\"name\": \"HTML Enabled\", \"value\": true}]}]}]}"),
          new Write(
              MARKETING_CLOUD,
              "PATCH",
              "/contacts/v1/contacts",
              "Bearer demo-token",
              "{\"contactKey\": \"k@\", \"attributeSets\": []}"),
          new Write(
              IVVY,
              "POST",
              "/api/1.0/contact?action=addOrUpdateContact",
              "Bearer demo-token",
              "{\"firstName\": \"An@gela\", \"lastName\": \"Cruz\", \"email\": \"acruz@example.com\"}"),
          new Write(
              CENDYN,
              "POST",
              "/v2/account/demo/contact/",
              "Token token=demo-token",
              "{\"name_first\": \"Jo@hn\", \"email\": \"john@example.com\"}"));

  @BeforeAll
  void start() {
    IngestConfig config =
        IngestConfig.from(
            Settings.layer(IngestConfig.DEFAULTS, Map.of("AUTH_TENANT_TOKENS", "demo=demo-token")));
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of(HealthCheck.of("kafka", () -> HealthStatus.up("test")))),
                VendorApis.all(config, pipeline, pipeline, pipeline.store(), Clock.systemUTC()))
            .start();
  }

  @AfterAll
  void stop() {
    server.stop();
    pipeline.close();
  }

  @BeforeEach
  void countPublished() {
    publishedBefore = pipeline.published.size();
  }

  static Stream<Arguments> notWellFormedUtf8() {
    return WRITES.stream()
        .flatMap(
            write ->
                Stream.of(
                        "C0AF", // overlong '/': the "ovl\xc0\xafa" that became "ovl/a"
                        "E080AF", // overlong '/' in three bytes
                        "F08080AF", // overlong '/' in four bytes
                        "EDA080", // U+D800, a surrogate encoded in UTF-8
                        "EDBFBF", // U+DFFF
                        "F5808080", // F5 can start no sequence
                        "FF",
                        "F4908080", // U+110000, beyond Unicode
                        "E282", // truncated sequence
                        "80") // a continuation byte without a lead
                    .map(hex -> Arguments.of(write, hex)));
  }

  @ParameterizedTest(name = "{0} with bytes {1}")
  @MethodSource("notWellFormedUtf8")
  void shouldRefuseABodyThatIsNotWellFormedUtf8(Write write, String hex) throws Exception {
    HttpResponse<String> response =
        send(write, write.with(HexFormat.of().parseHex(hex)), "application/json");

    assertRefused(write.vendor(), response, 400);
  }

  static Stream<Arguments> otherEncodings() {
    return WRITES.stream()
        .flatMap(
            write ->
                Stream.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE")
                    .map(charset -> Arguments.of(write, charset)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("otherEncodings")
  void shouldRefuseABodyInUtf16OrUtf32(Write write, String charset) throws Exception {
    // "UTF-16" writes a byte-order mark; the others write none, so only their NUL bytes give them
    // away.
    byte[] body =
        write.with("x".getBytes(StandardCharsets.UTF_8)).length > 0
            ? new String(write.with("x".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)
                .getBytes(Charset.forName(charset))
            : new byte[0];

    assertRefused(write.vendor(), send(write, body, "application/json"), 400);
  }

  @ParameterizedTest(name = "{0} with charset {1}")
  @MethodSource("charsets")
  void shouldRefuseAContentTypeNamingAnotherCharset(Write write, String charset) throws Exception {
    byte[] body = write.with("x".getBytes(StandardCharsets.UTF_8));

    assertRefused(write.vendor(), send(write, body, "application/json; charset=" + charset), 400);
  }

  static Stream<Arguments> charsets() {
    return WRITES.stream()
        .flatMap(
            write ->
                Stream.of("iso-8859-1", "utf-16", "\"utf-32\"", "us-ascii", "utf8x")
                    .map(charset -> Arguments.of(write, charset)));
  }

  @Test
  void shouldAcceptAContentTypeNamingUtf8() throws Exception {
    Write establish = WRITES.get(0);

    HttpResponse<String> response =
        send(
            establish,
            establish.with("x".getBytes(StandardCharsets.UTF_8)),
            "application/json; charset=\"UTF-8\"");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(pipeline.published).hasSize(publishedBefore + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/contacts/v1/contacts/key:%u0041, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/id:%u0031, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/key:%zz, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/key:a%, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/key:%C0%AF, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/key:%ED%A0%80, Bearer demo-token, MARKETING_CLOUD",
    "/contacts/v1/contacts/actions/delete/status?operationID=%u0031, Bearer demo-token, MARKETING_CLOUD",
    "/v2/account/%u0064emo/contact/, Token token=demo-token, CENDYN",
    "/v2/account/demo/contact/?name_first=%FF, Token token=demo-token, CENDYN"
  })
  void shouldRefuseAPathOrQueryThatCannotBeDecodedWith400(
      String path, String authorization, ErrorShapes.Vendor vendor) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "GET "
                    + path
                    + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: "
                    + authorization
                    + "\r\n\r\n"),
            false,
            PROMPTLY);

    assertRawRefused(vendor, reply, 400);
  }

  @Test
  void shouldRefuseAnIvvyActionThatCannotBeDecodedWith400() throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "POST /api/1.0/contact?action=getContact%u0041"
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-token\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 9\r\n\r\n{\"id\": 1}"),
            false,
            PROMPTLY);

    assertRawRefused(IVVY, reply, 400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"?email=%zz", "?limit=1&email=%", "?email=a%2", "?email=%u0061%40example.com"})
  void shouldRefuseAFilterThatCannotBeReadRatherThanListEveryone(String query) throws Exception {
    createCendynContact();

    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "GET /v2/account/demo/contact/"
                    + query
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token=demo-token\r\n\r\n"),
            false,
            PROMPTLY);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(JSON.readTree(reply.body()).get("error").asText()).contains("query");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/contacts/v1/establish",
        "/api/1.0/contact?action=addOrUpdateContact",
        "/v2/account/demo/contact/"
      })
  void shouldRefuseAMalformedChunkedBodyWith400(String path) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "POST "
                    + path
                    + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + authorization(path)
                    + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"a\": 1}\r\n0\r\n\r\n"),
            false,
            PROMPTLY);

    assertRawRefused(vendorOf(path), reply, 400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/contacts/v1/establish",
        "/api/1.0/contact?action=addOrUpdateContact",
        "/v2/account/demo/contact/"
      })
  void shouldRefuseABodyShorterThanItsDeclaredLengthWith400(String path) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "POST "
                    + path
                    + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + authorization(path)
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"contactKeys\": [\"a\"]}"),
            true,
            PROMPTLY);

    assertRawRefused(vendorOf(path), reply, 400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/contacts/v1/establish",
        "/contacts/v1/contacts",
        "/api/1.0/contact?action=addOrUpdateContact",
        "/v2/account/demo/contact/"
      })
  void shouldAnswerADeclaredLengthOverTheLimitWithAnImmediate413(String path) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                "POST "
                    + path
                    + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + authorization(path)
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 10000000000\r\n\r\n{\"contactKeys\": [\"a\"]}"),
            false,
            PROMPTLY);

    assertRawRefused(vendorOf(path), reply, 413);
  }

  static Stream<Arguments> parserFailures() {
    String deep = "[".repeat(1_500) + "]".repeat(1_500);
    return Stream.of(
        Arguments.of(WRITES.get(0), "{\"contactKeys\": {\"a\": 1}}", "contactKeys"),
        Arguments.of(
            WRITES.get(0), "{\"contactKeys\": [\"a\"], \"contactType\": \"abc\"}", "contactType"),
        Arguments.of(
            WRITES.get(0), "{\"contactKeys\": [\"a\"], \"contactType\": 1e30}", "contactType"),
        Arguments.of(WRITES.get(0), "{\"contactKeys\": [[\"a\"]]}", "contactKeys[0]"),
        Arguments.of(WRITES.get(0), "{\"contactKeys\": " + deep + "}", "1000"),
        Arguments.of(WRITES.get(1), "{\"contactKey\": NaN}", "line 1"),
        Arguments.of(WRITES.get(1), "{\"contactKey\": \"a\"} {}", "follows"),
        Arguments.of(WRITES.get(3), deep, "1000"),
        Arguments.of(WRITES.get(3), "{\"firstName\": Infinity}", "line 1"),
        Arguments.of(WRITES.get(3), "{\"firstName\": \"a\"} [", "follows"),
        Arguments.of(WRITES.get(4), "{\"email\": 1" + "0".repeat(1_200) + "}", "1000"),
        Arguments.of(WRITES.get(4), "{\"email\": \"a\"}}", "follows"),
        Arguments.of(WRITES.get(4), "{\"email\": 'a'}", "line 1"),
        Arguments.of(WRITES.get(4), "{\"email\": \"a\" \"b\"}", "line 1"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("parserFailures")
  void shouldSayWhatIsWrongWithoutNamingTheParsersInternals(
      Write write, String body, String mention) throws Exception {
    HttpResponse<String> response =
        send(write, body.getBytes(StandardCharsets.UTF_8), "application/json");

    assertRefused(write.vendor(), response, 400);
    assertThat(response.body()).contains(mention);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PATCH", "PUT", "POST"})
  void shouldAnswerAHeaderTooLargeWithJsonForEveryMethod(String method) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                method
                    + " /contacts/v1/contacts HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer "
                    + "x".repeat(20_000)
                    + "\r\nContent-Length: 0\r\n\r\n"),
            false,
            PROMPTLY);

    assertThat(reply.status()).isEqualTo(431);
    assertWebServerJson(reply);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PATCH", "PUT", "POST"})
  void shouldAnswerANulInAHeaderWithJsonForEveryMethod(String method) throws Exception {
    RawHttp.Reply reply =
        RawHttp.exchange(
            server.port(),
            RawHttp.bytes(
                method
                    + " /contacts/v1/contacts HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nX-Note: a\u0000b\r\nContent-Length: 0\r\n\r\n"),
            false,
            PROMPTLY);

    assertThat(reply.status()).isEqualTo(400);
    assertWebServerJson(reply);
  }

  private void createCendynContact() throws Exception {
    Write create = WRITES.get(4);
    HttpResponse<String> created =
        send(create, create.with("x".getBytes(StandardCharsets.UTF_8)), "application/json");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private void assertRefused(ErrorShapes.Vendor vendor, HttpResponse<String> response, int status)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(ErrorShapes.isErrorOf(vendor, body))
        .as("%s error shape: %s", vendor, response.body())
        .isTrue();
    assertThat(ErrorShapes.internalNameIn(response.body())).as(response.body()).isNull();
    assertThat(pipeline.published).hasSize(publishedBefore);
  }

  private static ErrorShapes.Vendor vendorOf(String path) {
    return path.startsWith("/api/") ? IVVY : path.startsWith("/v2/") ? CENDYN : MARKETING_CLOUD;
  }

  private void assertRawRefused(ErrorShapes.Vendor vendor, RawHttp.Reply reply, int status)
      throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.took()).isLessThan(PROMPTLY);
    assertThat(ErrorShapes.isErrorOf(vendor, JSON.readTree(reply.body())))
        .as(reply.body())
        .isTrue();
    assertThat(ErrorShapes.internalNameIn(reply.body())).as(reply.body()).isNull();
    assertThat(pipeline.published).hasSize(publishedBefore);
  }

  private static void assertWebServerJson(RawHttp.Reply reply) throws Exception {
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(ErrorShapes.isGeneric(JSON.readTree(reply.body()))).as(reply.body()).isTrue();
    assertThat(JSON.readTree(reply.body()).get("errorcode").asInt()).isEqualTo(reply.status());
  }

  private static String authorization(String path) {
    return "Authorization: "
        + (path.startsWith("/v2/") ? "Token token=demo-token" : "Bearer demo-token")
        + "\r\n";
  }

  private HttpResponse<String> send(Write write, byte[] body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + write.path()))
            .header("Authorization", write.authorization())
            .header("Content-Type", contentType)
            .method(write.method(), HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
