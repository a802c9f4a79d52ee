package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.contactpipeline.ingest.cendyn.CendynServer.json;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cendyn's {@code create_bulk} and this project's status call for it, at the HTTP boundary with the
 * real resolver topology behind them and the jobs recorded as sink-service records them. The
 * refusals are in {@link CendynRefusedRequests}.
 */
class CendynCreateBulkTest {

  private static final String DEMO = "Token token=demo-token";
  private static final String OTHER = "Token token=other-token";

  private final CendynServer cendyn = new CendynServer();

  @AfterEach
  void stop() {
    cendyn.close();
  }

  @Test
  void shouldAnswer202WithTheBulkIdOnceEveryCommandAndTheJobArePublished() throws Exception {
    HttpResponse<String> response =
        bulk(
            """
            {"contacts": [
               {"name_first": "John", "email": "johndoe@example.com", "tags": ["a"]},
               {"phone_countrycode": "44", "phone_number": "7712345678"}],
             "webhook_url": "https://hooks.example.com/cendyn",
             "contacts_webhook_extra_fields": ["name_first", "tags"]}
            """);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode answer = json(response);
    String bulkId = answer.get("bulk_id").asText();
    assertThat(fieldNames(answer))
        .containsExactly("bulk_id", "status", "contacts_count", "processed_count", "progress");
    assertThat(answer.get("status").asText()).isEqualTo("processing");
    assertThat(answer.get("contacts_count").asInt()).isEqualTo(2);
    assertThat(response.headers().firstValue("Location"))
        .contains("/v2/account/demo/contact/create_bulk/" + bulkId);
    assertThat(cendyn.pipeline.published)
        .extracting(
            ContactCommand::getRequestId,
            ContactCommand::getItemIndex,
            ContactCommand::getItemCount,
            ContactCommand::getJob,
            ContactCommand::getAction)
        .containsExactly(
            tuple(bulkId, 0, 2, true, CommandAction.CREATE),
            tuple(bulkId, 1, 2, true, CommandAction.CREATE));
    assertThat(cendyn.pipeline.published.get(1).getKey().getContactKey())
        .isEqualTo("+447712345678");
    ContactJob job = cendyn.pipeline.publishedJobs.get(0);
    assertThat(job.getJobId()).isEqualTo(bulkId);
    assertThat(job.getKind()).isEqualTo(JobKind.CENDYN_CREATE_BULK);
    assertThat(job.getTenant()).isEqualTo("demo");
    assertThat(job.getItemCount()).isEqualTo(2);
    assertThat(job.getCallbackUrl()).isEqualTo("https://hooks.example.com/cendyn");
    assertThat(job.getResponseFields()).containsExactly("name_first", "tags");
    assertThat(job.getRequests()).isEmpty();
  }

  @Test
  void shouldReportAFinishedBulkWithTheWebhooksBodyInItsStatus() throws Exception {
    String bulkId =
        bulkId(
            """
            {"contacts": [{"name_first": "John", "email": "johndoe@example.com", "user_id": "u1"}],
             "contacts_webhook_extra_fields": ["name_first"]}
            """);

    HttpResponse<String> status = cendyn.get(statusPath("demo", bulkId), DEMO);

    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    JsonNode body = json(status);
    assertThat(body.get("status").asText()).isEqualTo("finished");
    assertThat(body.get("progress").asInt()).isEqualTo(100);
    assertThat(body.get("processed_count").asInt()).isEqualTo(1);
    assertThat(body.get("account_id").asText()).isEqualTo("demo");
    assertThat(body.get("contacts_valid_count").asInt()).isEqualTo(1);
    assertThat(body.get("contacts_failed_count").asInt()).isEqualTo(0);
    JsonNode contact = body.get("valid_contacts").get(0);
    assertThat(fieldNames(contact))
        .containsExactly(
            "_id", "user_id", "email", "phone_countrycode", "phone_number", "name_first");
    assertThat(Long.parseLong(contact.get("_id").asText())).isPositive();
    assertThat(contact.get("user_id").asText()).isEqualTo("u1");
    assertThat(contact.get("name_first").asText()).isEqualTo("John");
    assertThat(contact.get("phone_number").isNull()).isTrue();
  }

  @Test
  void shouldCreateOnlyWithoutMatchingSoAnExistingContactFailsAndUpdateItWithMatching()
      throws Exception {
    cendyn.create("{\"email\": \"johndoe@example.com\", \"name_first\": \"John\"}");
    String body = "{\"contacts\": [{\"email\": \"johndoe@example.com\", \"name_first\": \"Jon\"}]";

    JsonNode created = json(cendyn.get(statusPath("demo", bulkId(body + "}")), DEMO));
    JsonNode matched =
        json(
            cendyn.get(
                statusPath("demo", bulkId(body + ", \"match_contact_user_id\": true}")), DEMO));

    assertThat(created.get("contacts_failed_count").asInt()).isEqualTo(1);
    JsonNode failed = created.get("failed_contacts").get(0);
    assertThat(failed.get("contact").get("email").asText()).isEqualTo("johndoe@example.com");
    assertThat(failed.get("errors").get(0).asText()).contains("already exists");
    assertThat(matched.get("contacts_valid_count").asInt()).isEqualTo(1);
    assertThat(cendyn.pipeline.published.get(cendyn.pipeline.published.size() - 1).getAction())
        .isEqualTo(CommandAction.UPSERT);
  }

  @Test
  void shouldAnswerAnotherAccountsBulkExactlyAsAnUnknownOne() throws Exception {
    String theirs =
        json(cendyn.post(
                CendynRefusedRequests.BULK.replace("/demo/", "/other/"),
                "{\"contacts\": [{\"email\": \"x@example.com\"}]}",
                OTHER))
            .get("bulk_id")
            .asText();
    String unknown = "00000000-0000-4000-8000-000000000000";

    HttpResponse<String> asked = cendyn.get(statusPath("demo", theirs), DEMO);
    HttpResponse<String> never = cendyn.get(statusPath("demo", unknown), DEMO);

    assertThat(asked.statusCode()).isEqualTo(404);
    assertThat(never.statusCode()).isEqualTo(404);
    assertThat(asked.body().replace(theirs, "ID")).isEqualTo(never.body().replace(unknown, "ID"));
  }

  @Test
  void shouldReportAProcessingBulkWhileItsContactsAreNotAllDecided() throws Exception {
    cendyn.pipeline.jobStore().holdResults = true;
    String bulkId = bulkId("{\"contacts\": [{\"email\": \"a@example.com\"}]}");

    JsonNode status = json(cendyn.get(statusPath("demo", bulkId), DEMO));

    assertThat(status.get("status").asText()).isEqualTo("processing");
    assertThat(status.get("progress").asInt()).isZero();
    assertThat(status.has("valid_contacts")).isFalse();
  }

  @Test
  void shouldAnswerABulkKafkaDidNotTakeWith503InCendynsShape() throws Exception {
    cendyn.pipeline.refuseJobs = true;

    HttpResponse<String> response = bulk("{\"contacts\": [{\"email\": \"a@example.com\"}]}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(fieldNames(json(response))).containsExactly("error");
    assertThat(json(response).get("error").asText()).contains("was not accepted");
  }

  @Test
  void shouldPublishNoJobWhenKafkaDidNotTakeItsContacts() throws Exception {
    cendyn.pipeline.refuseCommands = true;

    HttpResponse<String> response = bulk("{\"contacts\": [{\"email\": \"a@example.com\"}]}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(cendyn.pipeline.publishedJobs).isEmpty();
  }

  @Test
  void shouldTakeFiveThousandContactsOverTheDefaultBodyLimitButNotABodyOverTheBulkLimit()
      throws Exception {
    String full =
        CendynRefusedRequests.bulkOf(5_000)
            .replace("@example.com\"}", "@example.com\", \"city\": \"" + "x".repeat(200) + "\"}");

    HttpResponse<String> accepted = bulk(full);
    List<String> refused = answerToAnnouncedBody(IngestApp.MAX_BULK_REQUEST_BYTES + 1);

    assertThat(full.length()).isGreaterThan((int) IngestApp.MAX_REQUEST_BYTES);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(cendyn.pipeline.publishedJobs.get(0).getItemCount()).isEqualTo(5_000);
    assertThat(refused.get(0)).startsWith("HTTP/1.1 413");
    assertThat(fieldNames(CendynServer.JSON.readTree(refused.get(refused.size() - 1))))
        .containsExactly("error");
    assertThat(cendyn.pipeline.publishedJobs).hasSize(1);
  }

  @Test
  void shouldStillRefuseABodyOverTheDefaultLimitOnTheSingleCreate() throws Exception {
    String big =
        "{\"email\": \"a@example.com\", \"note\": \""
            + "x".repeat((int) IngestApp.MAX_REQUEST_BYTES)
            + "\"}";

    HttpResponse<String> response = cendyn.create(big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(cendyn.pipeline.published).isEmpty();
  }

  private HttpResponse<String> bulk(String body) throws Exception {
    return cendyn.post(CendynRefusedRequests.BULK, body, DEMO);
  }

  /**
   * The answer to a bulk whose headers announce {@code length} bytes, of which none is sent: the
   * status line, the headers and the body. A body over the limit is refused on its declared length,
   * before any of it is read; sending it whole would race the server's answer and close.
   */
  private List<String> answerToAnnouncedBody(long length) throws Exception {
    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), URI.create(cendyn.url("/")).getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + CendynRefusedRequests.BULK
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                  + DEMO
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      List<String> answer = new ArrayList<>();
      int bodyLength = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        answer.add(line);
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          bodyLength = Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      char[] body = new char[bodyLength];
      int read = 0;
      while (read < bodyLength) {
        int n = in.read(body, read, bodyLength - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      answer.add(new String(body, 0, read));
      return answer;
    }
  }

  private String bulkId(String body) throws Exception {
    HttpResponse<String> response = bulk(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response).get("bulk_id").asText();
  }

  private static String statusPath(String account, String bulkId) {
    return "/v2/account/" + account + "/contact/create_bulk/" + bulkId;
  }
}
