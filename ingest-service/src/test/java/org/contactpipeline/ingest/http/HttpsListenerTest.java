package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.ConfigException;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.VendorApis;
import org.contactpipeline.ingest.auth.SecretHash;
import org.contactpipeline.ingest.testing.InMemoryContactStore;
import org.contactpipeline.ingest.testing.SelfSignedKeystore;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional HTTPS listener: off by default, every route over TLS beside HTTP when a keystore is
 * named.
 */
@Timeout(60)
class HttpsListenerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TopologyPipeline pipeline;
  private Javalin server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
      pipeline.close();
    }
  }

  @Test
  void shouldBeOffUnlessAKeystoreIsNamed() {
    assertThat(IngestConfig.from(Settings.layer(IngestConfig.DEFAULTS, Map.of())).https().enabled())
        .isFalse();
  }

  @Test
  void shouldServeTheSameRoutesOverTlsBesidePlainHttp() throws Exception {
    SelfSignedKeystore tls = SelfSignedKeystore.create(dir, "localhost");
    IngestConfig config = config(tls.keystore().toString(), tls.password());
    pipeline = new TopologyPipeline();
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of()),
                VendorApis.all(
                    config, pipeline, pipeline, new InMemoryContactStore(), Clock.systemUTC()),
                Backpressure.unlimited(),
                null,
                config.https())
            .start();
    int httpsPort = HttpsListener.boundPort(server.jettyServer().server()).orElseThrow();
    HttpClient https = HttpClient.newBuilder().sslContext(tls.trustingClientContext()).build();
    String login =
        "{\"grant_type\": \"client_credentials\", \"client_id\": \"demo-client\", "
            + "\"client_secret\": \"demo-secret\", \"account_id\": 12345}";

    HttpResponse<String> token =
        https.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/v2/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.port()
                                + "/contacts/v1/attributeSetDefinitions"))
                    .header("Authorization", "Bearer demo-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(httpsPort).isNotEqualTo(server.port());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(JSON.readTree(token.body()).get("rest_instance_url").asText())
        .as("the request's own scheme and host")
        .isEqualTo("https://localhost:" + httpsPort + "/");
    assertThat(plain.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseToStartWithAKeystoreItCannotRead() throws Exception {
    SelfSignedKeystore tls = SelfSignedKeystore.create(dir, "localhost");
    Path missing = dir.resolve("missing.p12");
    Files.deleteIfExists(missing);

    assertThatThrownBy(() -> config(missing.toString(), "whatever"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("https.keystore")
        .hasMessageContaining("readable");
    assertThatThrownBy(() -> config(tls.keystore().toString(), "not-the-password"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("https.keystore")
        .hasMessageNotContaining("not-the-password");
  }

  private static IngestConfig config(String keystore, String password) {
    Map<String, String> environment =
        new HashMap<>(
            Map.of(
                "AUTH_TENANT_TOKENS", "demo=demo-token",
                "AUTH_MARKETING_CLOUD_CLIENTS",
                    "demo-client=demo:12345:" + SecretHash.of("demo-secret"),
                "AUTH_TOKEN_SIGNING_KEYS", "unit-test-signing-key-0123456789abcdef",
                "HTTPS_PORT", "0",
                "HTTPS_HOST", "127.0.0.1",
                "HTTPS_KEYSTORE", keystore,
                "HTTPS_KEYSTORE_PASSWORD", password));
    return IngestConfig.from(Settings.layer(IngestConfig.DEFAULTS, environment));
  }
}
