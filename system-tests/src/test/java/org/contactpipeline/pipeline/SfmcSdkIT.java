package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.ingest.testing.SelfSignedKeystore;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.MovableClock;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compatibility with {@code sfmc-sdk} (npm, pinned in {@code src/test/node/package.json} and its
 * lock file): it logs in with the demo client and runs establish, create, lookup, email search,
 * delete and delete status unchanged, logs in again on its own when the server's clock has passed
 * the token's expiry, and meets Marketing Cloud's 403 with a token asked for the read scope only.
 *
 * <p>sfmc-sdk accepts only an auth URL {@code https://<28
 * characters>.auth.marketingcloudapis.com/}, so this instance serves HTTPS with a certificate made
 * for this run ({@code *.auth.marketingcloudapis.com}, {@code *.rest.marketingcloudapis.com}) that
 * Node trusts through {@code NODE_EXTRA_CA_CERTS}, answers a {@code rest_instance_url} under the
 * same domain ({@code HTTP_PUBLIC_BASE_URL}), and {@code marketingcloudapis-hosts.cjs}, preloaded
 * into Node, routes those names to 127.0.0.1 and their port 443 to the listener, the way a hosts
 * entry and a port forward would: path, headers and body are the library's own. Skipped, with one
 * line, only where Node.js is missing.
 */
@Timeout(300)
class SfmcSdkIT {

  /** 28 characters, as sfmc-sdk requires of the tenant-specific subdomain. */
  private static final String SUBDOMAIN = "mc0123456789abcdefghijklmnop";

  private static final String AUTH_URL = "https://" + SUBDOMAIN + ".auth.marketingcloudapis.com/";
  private static final String REST_URL = "https://" + SUBDOMAIN + ".rest.marketingcloudapis.com/";

  @Test
  void shouldServeSfmcSdkUnchangedOverTlsOnMarketingCloudsOwnNames() throws Exception {
    NodeClients.assumeNode("the sfmc-sdk compatibility test");
    NodeClients.install("sfmc-sdk");
    LocalStack stack = TestStack.get();
    Path certificates = Files.createTempDirectory("sfmc-sdk-it");
    SelfSignedKeystore tls =
        SelfSignedKeystore.create(
            certificates, "*.auth.marketingcloudapis.com", "*.rest.marketingcloudapis.com");
    MovableClock clock = MovableClock.ofSystemTime();
    IngestConfig config =
        IngestConfig.from(
                stack
                    .services()
                    .with(
                        Map.of(
                            "https.keystore",
                            tls.keystore().toString(),
                            "https.keystore-password",
                            tls.password(),
                            "https.host",
                            "127.0.0.1",
                            "https.port",
                            "0",
                            "http.public-base-url",
                            REST_URL)))
            .withInstance(0, "ingest-it-sfmc-sdk");
    try (IngestService ingest = new IngestService(config, stack.healthChecks(), clock)) {
      ingest.start();
      String key = "sdk-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + "@example.com";
      Map<String, JsonNode> steps =
          NodeClients.run(
              Map.of(
                  "NODE_EXTRA_CA_CERTS",
                  tls.certificatePem().toAbsolutePath().toString(),
                  "MC_LOCAL_HTTPS_PORT",
                  Integer.toString(ingest.httpsPort().orElseThrow()),
                  "MC_AUTH_URL",
                  AUTH_URL,
                  "MC_CLIENT_ID",
                  StackConfig.DEMO_CLIENT_ID,
                  "MC_CLIENT_SECRET",
                  StackConfig.DEMO_CLIENT_SECRET,
                  "MC_ACCOUNT_ID",
                  StackConfig.DEMO_MID,
                  "MC_CONTACT_KEY",
                  key),
              () -> {
                // Past the 20 minutes of the token sfmc-sdk holds, and wait for the create to be
                // readable.
                clock.advance(Duration.ofMinutes(21));
                Poll.until(
                    MarketingCloudContactsIT.EVENTUALLY,
                    () ->
                        new Api(stack.httpUrl(), "demo-token")
                            .get("/contacts/v1/contacts/key:" + key)
                            .status(),
                    status -> status == 200);
              },
              "--require",
              "./marketingcloudapis-hosts.cjs",
              "sfmc-sdk-client.mjs");

      assertThat(steps.keySet())
          .containsExactly(
              "establish",
              "create",
              "waiting",
              "lookup",
              "token-renewed",
              "search",
              "delete",
              "delete-status",
              "read-only-read",
              "read-only-write",
              "routed");
      for (String name :
          List.of(
              "establish",
              "create",
              "lookup",
              "search",
              "delete",
              "delete-status",
              "read-only-read")) {
        assertThat(steps.get(name).get("status").asInt())
            .as(name + ": " + steps.get(name))
            .isEqualTo(200);
      }
      assertThat(
              steps
                  .get("establish")
                  .get("body")
                  .get(0)
                  .get("items")
                  .get(0)
                  .get("value")
                  .get("contactReference")
                  .get("contactKey")
                  .asText())
          .isEqualTo(key + "-e");
      assertThat(steps.get("create").get("body").get("operationStatus").asText()).isEqualTo("OK");
      assertThat(steps.get("lookup").get("body").toString()).contains(key);
      assertThat(steps.get("token-renewed").get("renewed").asBoolean())
          .as("sfmc-sdk logged in again after invalid_token, once")
          .isTrue();
      assertThat(steps.get("search").get("body").toString()).contains(key);
      assertThat(steps.get("delete").get("body").get("operationInitiated").asBoolean()).isTrue();
      assertThat(steps.get("delete-status").get("body").get("operation").get("status").asText())
          .isEqualTo("Completed");
      JsonNode readOnlyWrite = steps.get("read-only-write");
      assertThat(readOnlyWrite.get("status").asInt()).as(readOnlyWrite.toString()).isEqualTo(403);
      assertThat(readOnlyWrite.get("message").asText())
          .isEqualTo("Insufficient privileges to complete this action.");
      assertThat(readOnlyWrite.get("scope").asText()).isEqualTo("list_and_subscribers_read");
      assertThat(steps.get("routed").get("names"))
          .extracting(JsonNode::asText)
          .containsExactly(
              SUBDOMAIN + ".auth.marketingcloudapis.com",
              SUBDOMAIN + ".rest.marketingcloudapis.com");
      assertThat(steps.get("routed").get("restBases"))
          .extracting(JsonNode::asText)
          .containsExactly(REST_URL);
    }
  }
}
