package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What callers see while PostgreSQL is down or takes reads only, on the real stack. Down: every
 * vendor's lookup answers 503 in that vendor's own error shape, saying nothing was changed; writes
 * are still accepted (they go to Kafka, not to the database); once the database is back, lookups
 * answer again and the contact written during the outage is in the table: nothing accepted was
 * lost. Read-only (a primary demoted to a standby, a volume remounted read-only): lookups keep
 * answering, the sink retries the writes PostgreSQL refuses, and the contact written meanwhile
 * arrives once it is writable.
 */
@Timeout(240)
class DatabaseOutageIT {

  private static final Duration BACK = Duration.ofSeconds(60);

  @Test
  void shouldAnswerLookups503InEachVendorsShapeWhileTheDatabaseIsDownAndLoseNoWrite() {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "demo-token");
    String before = "outage-before-" + UUID.randomUUID() + "@example.com";
    String during = "outage-during-" + UUID.randomUUID() + "@example.com";
    long id = created(api, before);
    Poll.until(BACK, () -> ivvyGetContact(api, id), reply -> reply.status() == 200);

    stack.crashDatabase();
    Api.Reply written;
    try {
      Api.Reply ivvy = ivvyGetContact(api, id);
      assertThat(ivvy.status()).as(ivvy.toString()).isEqualTo(503);
      assertThat(ivvy.body().get("errorCode").asInt()).isEqualTo(503);
      assertThat(ivvy.body().get("message").asText()).contains("database is unavailable");

      Api.Reply cendyn = cendynByEmail(api, before);
      assertThat(cendyn.status()).as(cendyn.toString()).isEqualTo(503);
      assertThat(cendyn.body().get("error").asText()).contains("nothing was changed");

      Api.Reply marketingCloud = api.get("/contacts/v1/contacts/id:" + id);
      assertThat(marketingCloud.status()).as(marketingCloud.toString()).isEqualTo(503);
      assertThat(marketingCloud.body().get("errorcode").asInt()).isEqualTo(503);
      assertThat(marketingCloud.body().get("message").asText()).contains("retry later");

      written =
          api.send(
              "POST",
              "/v2/account/demo/contact/",
              api.tokenScheme(),
              "{\"email\":\"" + during + "\",\"name_first\":\"Written\"}");
      assertThat(written.status()).as("a write while the database is down").isEqualTo(201);
    } finally {
      stack.restartDatabase();
    }

    long writtenId = written.body().get("id").asLong();
    Api.Reply found =
        Poll.until(BACK, () -> ivvyGetContact(api, writtenId), reply -> reply.status() == 200);
    assertThat(found.body().get("email").asText()).isEqualTo(during);
    assertThat(cendynByEmail(api, before).status()).isEqualTo(200);
  }

  @Test
  void shouldAnswerLookupsAndLoseNoWriteWhileTheDatabaseTakesReadsOnly() {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "demo-token");
    String before = "read-only-before-" + UUID.randomUUID() + "@example.com";
    String during = "read-only-during-" + UUID.randomUUID() + "@example.com";
    long id = created(api, before);
    Poll.until(BACK, () -> ivvyGetContact(api, id), reply -> reply.status() == 200);
    double refusedBefore = transientDatabaseErrors(stack);

    stack.setDatabaseReadOnly(true);
    long writtenId;
    try {
      Api.Reply written =
          api.send(
              "POST",
              "/v2/account/demo/contact/",
              api.tokenScheme(),
              "{\"email\":\"" + during + "\",\"name_first\":\"Written\"}");
      assertThat(written.status()).as("a write while the database is read-only").isEqualTo(201);
      writtenId = written.body().get("id").asLong();
      // The sink has tried to write it and been refused: from here on its absence is the fault's.
      Poll.until(BACK, () -> transientDatabaseErrors(stack), refused -> refused > refusedBefore);

      assertThat(ivvyGetContact(api, id).status()).as("iVvy lookup").isEqualTo(200);
      assertThat(cendynByEmail(api, before).status()).as("Cendyn lookup").isEqualTo(200);
      assertThat(api.get("/contacts/v1/contacts/id:" + id).status())
          .as("Marketing Cloud lookup")
          .isEqualTo(200);
      assertThat(ivvyGetContact(api, writtenId).status())
          .as("the contact the sink could not write yet")
          .isEqualTo(404);
    } finally {
      stack.setDatabaseReadOnly(false);
    }

    Api.Reply found =
        Poll.until(BACK, () -> ivvyGetContact(api, writtenId), reply -> reply.status() == 200);
    assertThat(found.body().get("email").asText()).isEqualTo(during);
  }

  /** What the sink counted of writes PostgreSQL refused and it will retry. */
  private static double transientDatabaseErrors(LocalStack stack) {
    return Scrape.of(stack.sinkMetricsUrl())
        .sum("contact_sink_database_errors_total", "kind=\"transient\"");
  }

  private static long created(Api api, String email) {
    Api.Reply reply =
        api.send(
            "POST",
            "/v2/account/demo/contact/",
            api.tokenScheme(),
            "{\"email\":\"" + email + "\",\"name_first\":\"Before\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.body().get("id").asLong();
  }

  private static Api.Reply ivvyGetContact(Api api, long id) {
    return api.post("/api/1.0/contact?action=getContact", "{\"id\":" + id + "}");
  }

  private static Api.Reply cendynByEmail(Api api, String email) {
    return api.send("GET", "/v2/account/demo/contact/?email=" + email, api.tokenScheme(), null);
  }
}
