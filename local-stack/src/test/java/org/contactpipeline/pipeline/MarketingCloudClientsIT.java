package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compatibility with Salesforce's own Marketing Cloud clients: {@code fuel-auth} + {@code fuel-rest}
 * (npm, pinned in {@code src/test/node/package.json} and its lock file, installed with
 * {@code npm ci} when missing) log in with the demo client and run create, establish, lookup,
 * email search, delete and delete status unchanged; between the two rounds the instance's clock
 * passes the token's expiry, so the lookup proves fuel-rest's own renewal on
 * {@code WWW-Authenticate: Bearer error="invalid_token"}. The client reaches the instance through
 * {@code HTTP_PROXY}, which its request library honours, under {@code .com} names (see {@link #REST_URL}). Skipped, with one line saying why, where
 * Node.js or npm is missing.
 *
 * <p>{@code sfmc-sdk} is not driven: it accepts only an auth URL
 * {@code https://<28 characters>.auth.marketingcloudapis.com/}, so it speaks TLS to that name; this
 * stack serves plain HTTP on 127.0.0.1, and reaching it would need a TLS listener with a
 * certificate Node trusts plus a resolver override for that name (README, "Authentication").
 */
@Timeout(300)
class MarketingCloudClientsIT {

  /**
   * A {@code .com} name, not 127.0.0.1: after a 401 fuel-rest rebuilds the URL by splitting it at
   * {@code ".com/"} (helpers.resolveUriForOAuth2), so its token renewal works only when
   * {@code rest_instance_url} has one, as Marketing Cloud's own always does.
   */
  private static final String REST_URL = "http://rest.contacts.example.com/";

  @Test
  void shouldServeFuelAuthAndFuelRestUnchangedIncludingTheirTokenRenewal() throws Exception {
    NodeClients.requireInstalled("the fuel-auth/fuel-rest compatibility test");
    LocalStack stack = TestStack.get();
    MovableClock clock = new MovableClock();
    IngestConfig config = IngestConfig.from(stack.services().with(Map.of("http.public-base-url", REST_URL)))
        .withInstance(0, "ingest-it-fuel");
    try (IngestService ingest = new IngestService(config, stack.healthChecks(), clock)) {
      ingest.start();
      String key = "fuel-" + UUID.randomUUID().toString().toLowerCase(java.util.Locale.ROOT) + "@example.com";
      ProcessBuilder builder = new ProcessBuilder("node", "marketing-cloud-clients.js")
          .directory(NodeClients.DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(Map.of(
          // The way a hosts entry would: only the address changes. fuel-rest's request library
          // sends every call for these names to this instance, path, headers and body as they are.
          "HTTP_PROXY", "http://127.0.0.1:" + ingest.port(),
          "NO_PROXY", "",
          "MC_AUTH_URL", "http://auth.contacts.example.com/v2/token",
          "MC_CLIENT_ID", StackConfig.DEMO_CLIENT_ID,
          "MC_CLIENT_SECRET", StackConfig.DEMO_CLIENT_SECRET,
          "MC_ACCOUNT_ID", StackConfig.DEMO_MID,
          "MC_CONTACT_KEY", key));
      Process node = builder.start();
      try {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          JsonNode step = Api.JSON.readTree(line);
          steps.put(step.get("step").asText(), step);
          if (step.get("step").asText().equals("waiting")) {
            // Past the 20 minutes of the token fuel-auth holds, and wait for the create to be readable.
            clock.advance(Duration.ofMinutes(21));
            Poll.until(MarketingCloudContactsIT.EVENTUALLY, () -> new Api(stack.httpUrl(), "demo-token")
                .get("/contacts/v1/contacts/key:" + key).status(), status -> status == 200);
            try (Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
              in.write("go\n");
            }
          }
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(steps).doesNotContainKey("error");
        assertThat(steps.keySet()).containsExactly("establish", "create", "waiting", "lookup", "token-renewed",
            "search", "delete", "delete-status");
        for (String name : List.of("establish", "create", "lookup", "search", "delete", "delete-status")) {
          assertThat(steps.get(name).get("status").asInt()).as(name + ": " + steps.get(name)).isEqualTo(200);
        }
        assertThat(steps.get("token-renewed").get("renewed").asBoolean())
            .as("fuel-rest logged in again after invalid_token").isTrue();
        assertThat(steps.get("establish").get("body").get(0).get("items").get(0).get("value")
            .get("contactReference").get("contactKey").asText()).isEqualTo(key + "-e");
        assertThat(steps.get("lookup").get("body").toString()).contains(key);
        assertThat(steps.get("search").get("body").toString()).contains(key);
        assertThat(steps.get("delete-status").get("body").get("operation").get("status").asText())
            .isEqualTo("Completed");
      } finally {
        node.destroy();
      }
    }
  }
}
