package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.contactpipeline.sink.CallbackSignature;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.CallbackReceiver;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Asynchronous jobs through the whole pipeline (ingest, the real resolver, the real sink on a real
 * broker and PostgreSQL): a Cendyn create_bulk of a few hundred contacts answers its id at once and
 * its status reaches "finished" with every contact created once, each with its own ID; an iVvy
 * batch of addOrUpdateContact and getContact jobs reaches 100% and its results come in iVvy's
 * shape, each request echoed beside the call's own response. Each job's callback reaches a receiver
 * on the loopback address once, signed with the stack's (demo) secret under the job's id, and says
 * what the job's own status or results call says.
 */
@Timeout(240)
class AsynchronousJobsIT {

  private static final Duration FINISHED = Duration.ofSeconds(90);
  private static final int CONTACTS = 300;

  private static LocalStack stack;
  private static Api api;
  private static CallbackReceiver receiver;

  @BeforeAll
  static void stack() throws IOException {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
    receiver = CallbackReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  /** The one callback {@code path} received, checked to be signed and keyed by {@code jobId}. */
  private static JsonNode theSignedCallback(String path, String jobId) throws IOException {
    List<CallbackReceiver.Received> callbacks =
        Poll.until(FINISHED, () -> receiver.received(path), received -> !received.isEmpty());
    assertThat(callbacks).hasSize(1);
    CallbackReceiver.Received callback = callbacks.get(0);
    assertThat(callback.header("Idempotency-Key")).contains(jobId);
    assertThat(
            CallbackSignature.verify(
                StackConfig.DEMO_CALLBACK_SIGNING_SECRET,
                callback.header(CallbackSignature.HEADER).orElseThrow(),
                callback.body(),
                Instant.now(),
                Duration.ofMinutes(5)))
        .as("signed with the stack's secret")
        .isTrue();
    return new ObjectMapper().readTree(callback.body());
  }

  @Test
  void shouldCreateEveryContactOfABulkOnceAndReportItFinished() throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> emails = new ArrayList<>();
    StringBuilder body = new StringBuilder("{\"contacts\": [");
    for (int i = 0; i < CONTACTS; i++) {
      String email = "bulk-" + run + "-" + i + "@example.com";
      emails.add(email);
      body.append(i == 0 ? "" : ",")
          .append("{\"email\": \"")
          .append(email)
          .append("\", \"name_first\": \"Bulk\", \"user_id\": \"u-")
          .append(i)
          .append("\"}");
    }
    String webhook = "/cendyn/" + run;
    body.append("], \"contacts_webhook_extra_fields\": [\"name_first\"], \"webhook_url\": \"")
        .append(receiver.url(webhook))
        .append("\"}");

    Api.Reply accepted =
        api.cendyn("POST", "/v2/account/demo/contact/create_bulk", body.toString());

    assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
    String bulkId = accepted.body().get("bulk_id").asText();
    assertThat(accepted.body().get("contacts_count").asInt()).isEqualTo(CONTACTS);
    JsonNode finished =
        Poll.until(
                FINISHED,
                () -> api.cendyn("GET", "/v2/account/demo/contact/create_bulk/" + bulkId, null),
                reply ->
                    reply.status() == 200 && reply.body().get("status").asText().equals("finished"))
            .body();
    assertThat(finished.get("progress").asInt()).isEqualTo(100);
    assertThat(finished.get("contacts_valid_count").asInt()).isEqualTo(CONTACTS);
    assertThat(finished.get("contacts_failed_count").asInt()).isZero();
    Set<String> ids = new HashSet<>();
    List<String> reported = new ArrayList<>();
    for (JsonNode contact : finished.get("valid_contacts")) {
      ids.add(contact.get("_id").asText());
      reported.add(contact.get("email").asText());
      assertThat(contact.get("name_first").asText()).isEqualTo("Bulk");
    }
    assertThat(ids).hasSize(CONTACTS).allMatch(id -> id.matches("[1-9][0-9]*"));
    assertThat(reported).containsExactlyElementsOf(emails);
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            FINISHED,
            () -> new ContactsTable(stack.services()).rowsOf("demo", 0),
            table -> emails.stream().allMatch(table::containsKey));
    assertThat(emails.stream().map(email -> Long.toString(rows.get(email).contactId())))
        .containsExactlyInAnyOrderElementsOf(ids);
    JsonNode called = theSignedCallback(webhook, bulkId);
    assertThat(called.get("bulk_id").asText()).isEqualTo(bulkId);
    assertThat(called.get("valid_contacts")).isEqualTo(finished.get("valid_contacts"));
    assertThat(called.get("contacts_failed_count").asInt()).isZero();
  }

  @Test
  void shouldRunAnIvvyBatchToOneHundredPercentAndAnswerItsResultsInIvvysShape() throws IOException {
    String email = "batch-" + UUID.randomUUID() + "@example.com";
    long existing =
        api.post(
                "/api/1.0/contact?action=addOrUpdateContact",
                "{\"firstName\": \"Bea\", \"lastName\": \"Batch\", \"email\": \"" + email + "\"}")
            .body()
            .get("id")
            .asLong();
    String added = "added-" + email;
    String callback = "/ivvy/" + UUID.randomUUID();
    String run =
        "{\"jobs\": ["
            + "{\"namespace\": \"contact\", \"action\": \"addOrUpdateContact\", \"params\": "
            + "{\"firstName\": \"Cy\", \"lastName\": \"Batch\", \"email\": \""
            + added
            + "\"}},"
            + "{\"namespace\": \"contact\", \"action\": \"getContact\", \"params\": {\"id\": "
            + existing
            + "}},"
            + "{\"namespace\": \"contact\", \"action\": \"addOrUpdateContact\", \"params\": "
            + "{\"id\": "
            + existing
            + ", \"phone\": \"+61 400 000 000\"}}], \"callbackUrl\": \""
            + receiver.url(callback)
            + "\"}";

    Api.Reply accepted = api.post("/api/1.0/batch?action=run", run);

    assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(200);
    String asyncId = accepted.body().get("asyncId").asText();
    String async = "{\"async\": \"" + asyncId + "\"}";
    Poll.until(
        FINISHED,
        () -> api.post("/api/1.0/batch?action=progress", async),
        reply -> reply.status() == 200 && reply.body().get("progress").asInt() == 100);
    Api.Reply results = api.post("/api/1.0/batch?action=results", async);

    assertThat(results.status()).as(String.valueOf(results.body())).isEqualTo(200);
    assertThat(results.body().get("asyncId").asText()).isEqualTo(asyncId);
    JsonNode items = results.body().get("results");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("request").get("email").asText()).isEqualTo(added);
    assertThat(items.get(0).get("response").get("success").asBoolean()).isTrue();
    assertThat(items.get(1).get("action").asText()).isEqualTo("getContact");
    assertThat(items.get(1).get("request").get("id").asLong()).isEqualTo(existing);
    assertThat(items.get(1).get("response").get("email").asText()).isEqualTo(email);
    assertThat(items.get(1).get("response").get("id").asText()).isEqualTo(Long.toString(existing));
    assertThat(items.get(2).get("response").toString())
        .isEqualTo("{\"success\":true,\"id\":" + existing + "}");
    assertThat(theSignedCallback(callback, asyncId))
        .as("the callback is the results call's answer")
        .isEqualTo(results.body());
  }
}
