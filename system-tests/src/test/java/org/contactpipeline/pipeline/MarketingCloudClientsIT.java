package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.MovableClock;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compatibility with Salesforce's own Marketing Cloud clients: {@code fuel-auth} + {@code
 * fuel-rest} (npm, pinned in {@code src/test/node/package.json} and its lock file, installed with
 * {@code npm ci} when missing, see {@link NodeClients}) log in with the demo client and run create,
 * establish, lookup, email search, delete and delete status unchanged; between the two rounds the
 * instance's clock passes the token's expiry, so the lookup proves fuel-rest's own renewal on
 * {@code WWW-Authenticate: Bearer error="invalid_token"}. The client reaches the instance through
 * {@code HTTP_PROXY}, which its request library honours, under {@code .com} names (see {@link
 * #REST_URL}). Skipped, with one line saying why, where Node.js is missing. {@code sfmc-sdk}, which
 * speaks only TLS to Marketing Cloud's own names, is {@link SfmcSdkIT}'s.
 */
@Timeout(300)
class MarketingCloudClientsIT {

  /**
   * A {@code .com} name, not 127.0.0.1: after a 401 fuel-rest rebuilds the URL by splitting it at
   * {@code ".com/"} (helpers.resolveUriForOAuth2), so its token renewal works only when {@code
   * rest_instance_url} has one, as Marketing Cloud's own always does.
   */
  private static final String REST_URL = "http://rest.contacts.example.com/";

  @Test
  void shouldServeFuelAuthAndFuelRestUnchangedIncludingTheirTokenRenewal() throws Exception {
    NodeClients.assumeNode("the fuel-auth/fuel-rest compatibility test");
    NodeClients.install("fuel-auth", "fuel-rest");
    LocalStack stack = TestStack.get();
    MovableClock clock = MovableClock.ofSystemTime();
    IngestConfig config =
        IngestConfig.from(stack.services().with(Map.of("http.public-base-url", REST_URL)))
            .withInstance(0, "ingest-it-fuel");
    try (IngestService ingest = new IngestService(config, stack.healthChecks(), clock)) {
      ingest.start();
      String key =
          "fuel-"
              + UUID.randomUUID().toString().toLowerCase(java.util.Locale.ROOT)
              + "@example.com";
      Map<String, JsonNode> steps =
          NodeClients.run(
              Map.of(
                  // The way a hosts entry would: only the address changes. fuel-rest's request
                  // library
                  // sends every call for these names to this instance, path, headers and body as
                  // they are.
                  "HTTP_PROXY",
                  "http://127.0.0.1:" + ingest.port(),
                  "NO_PROXY",
                  "",
                  "MC_AUTH_URL",
                  "http://auth.contacts.example.com/v2/token",
                  "MC_CLIENT_ID",
                  StackConfig.DEMO_CLIENT_ID,
                  "MC_CLIENT_SECRET",
                  StackConfig.DEMO_CLIENT_SECRET,
                  "MC_ACCOUNT_ID",
                  StackConfig.DEMO_MID,
                  "MC_CONTACT_KEY",
                  key),
              () -> {
                // Past the 20 minutes of the token fuel-auth holds, and wait for the create to be
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
              "marketing-cloud-clients.js");

      assertThat(steps.keySet())
          .containsExactly(
              "establish",
              "create",
              "waiting",
              "lookup",
              "token-renewed",
              "search",
              "delete",
              "delete-status");
      for (String name :
          List.of("establish", "create", "lookup", "search", "delete", "delete-status")) {
        assertThat(steps.get(name).get("status").asInt())
            .as(name + ": " + steps.get(name))
            .isEqualTo(200);
      }
      assertThat(steps.get("token-renewed").get("renewed").asBoolean())
          .as("fuel-rest logged in again after invalid_token")
          .isTrue();
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
      assertThat(steps.get("lookup").get("body").toString()).contains(key);
      assertThat(steps.get("search").get("body").toString()).contains(key);
      assertThat(steps.get("delete-status").get("body").get("operation").get("status").asText())
          .isEqualTo("Completed");
    }
  }
}
