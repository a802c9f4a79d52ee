package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * iVvy's batch calls at the HTTP boundary, with the real resolver topology behind them and the jobs
 * recorded as sink-service records them. The refusals are in {@link IvvyRefusals}.
 */
class IvvyBatchTest {

  private static final String ADD =
      "{\"namespace\":\"contact\",\"action\":\"addOrUpdateContact\",\"params\":"
          + "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}}";

  private final IvvyServer server = new IvvyServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldPublishEveryJobAsAFlaggedCommandOfTheBatchAndThenTheBatchItself() {
    long existing =
        server.addOrUpdate(
            "{\"firstName\":\"Bob\",\"lastName\":\"Byte\",\"email\":\"bob@example.com\"}");
    int before = server.pipeline.published.size();

    IvvyServer.Reply reply =
        run(
            "{\"jobs\":["
                + ADD
                + ","
                + getContact(existing)
                + "],\"callbackUrl\":\"https://hooks.example.com/ivvy\"}");

    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    String asyncId = reply.body().get("asyncId").asText();
    List<ContactCommand> commands =
        server.pipeline.published.subList(before, server.pipeline.published.size());
    assertThat(commands)
        .extracting(
            ContactCommand::getRequestId,
            ContactCommand::getItemIndex,
            ContactCommand::getItemCount,
            ContactCommand::getJob,
            ContactCommand::getReplyTo)
        .containsExactly(tuple(asyncId, 0, 2, true, null), tuple(asyncId, 1, 2, true, null));
    assertThat(commands.get(0).getAction()).isEqualTo(CommandAction.CREATE);
    assertThat(commands.get(1).getAction()).isEqualTo(CommandAction.UPDATE);
    assertThat(commands.get(1).getContactId()).isEqualTo(existing);
    assertThat(commands.get(1).getChanges()).isNull();
    ContactJob job = server.pipeline.publishedJobs.get(0);
    assertThat(job.getJobId()).isEqualTo(asyncId);
    assertThat(job.getTenant()).isEqualTo("demo");
    assertThat(job.getKind()).isEqualTo(JobKind.IVVY_BATCH);
    assertThat(job.getItemCount()).isEqualTo(2);
    assertThat(job.getCallbackUrl()).isEqualTo("https://hooks.example.com/ivvy");
    assertThat(job.getRequests()).hasSize(2);
    assertThat(job.getRequests().get(0)).contains("\"action\":\"addOrUpdateContact\"");
  }

  @Test
  void shouldReportProgressAndResultsInIvvysShapeWithEachRequestEchoed() {
    long existing =
        server.addOrUpdate(
            "{\"firstName\":\"Bob\",\"lastName\":\"Byte\",\"email\":\"bob@example.com\"}");
    String asyncId =
        run("{\"jobs\":[" + ADD + "," + getContact(existing) + "," + getContact(999_999) + "]}")
            .body()
            .get("asyncId")
            .asText();

    IvvyServer.Reply progress = batch("progress", asyncId);
    IvvyServer.Reply results = batch("results", asyncId);

    assertThat(progress.body().toString()).isEqualTo("{\"progress\":100}");
    assertThat(results.status()).isEqualTo(200);
    JsonNode body = results.body();
    assertThat(body.get("asyncId").asText()).isEqualTo(asyncId);
    assertThat(body.get("results")).hasSize(3);
    JsonNode added = body.get("results").get(0);
    assertThat(added.get("namespace").asText()).isEqualTo("contact");
    assertThat(added.get("action").asText()).isEqualTo("addOrUpdateContact");
    assertThat(added.get("request").get("email").asText()).isEqualTo("ada@example.com");
    assertThat(added.get("response").get("success").asBoolean()).isTrue();
    long adaId = added.get("response").get("id").asLong();
    assertThat(server.contact(adaId).get("email").asText()).isEqualTo("ada@example.com");
    JsonNode got = body.get("results").get(1).get("response");
    assertThat(got.get("id").asText()).isEqualTo(Long.toString(existing));
    assertThat(got.get("firstName").asText()).isEqualTo("Bob");
    assertThat(got.get("email").asText()).isEqualTo("bob@example.com");
    assertThat(body.get("results").get(2).get("response").get("specificCode").asInt())
        .isEqualTo(24096);
  }

  @Test
  void shouldAnswerResultsOfARunningBatchWith24114AndItsProgressBelowOneHundred() {
    server.pipeline.jobStore().holdResults = true;
    String asyncId = run("{\"jobs\":[" + ADD + "]}").body().get("asyncId").asText();

    IvvyServer.Reply progress = batch("progress", asyncId);
    IvvyServer.Reply results = batch("results", asyncId);

    assertThat(progress.body().toString()).isEqualTo("{\"progress\":0}");
    assertThat(results.status()).isEqualTo(400);
    assertThat(results.body().get("specificCode").asInt()).isEqualTo(24114);
  }

  @Test
  void shouldAnswerAnotherTenantsBatchExactlyAsAnUnknownOne() {
    String asyncId = run("{\"jobs\":[" + ADD + "]}").body().get("asyncId").asText();

    for (String action : List.of("progress", "results", "restart", "repost")) {
      IvvyServer.Reply theirs =
          server.send(
              "POST",
              "/api/1.0/batch?action=" + action,
              IvvyServer.OTHER,
              "{\"async\":\"" + asyncId + "\"}");
      IvvyServer.Reply unknown =
          server.send(
              "POST",
              "/api/1.0/batch?action=" + action,
              IvvyServer.OTHER,
              "{\"async\":\"00000000-0000-4000-8000-000000000000\"}");
      assertThat(theirs.status()).as(action).isEqualTo(404);
      assertThat(theirs.body()).as(action).isEqualTo(unknown.body());
    }
  }

  @Test
  void shouldRepostAFinishedBatchWithACallbackByPublishingARedeliveryCopy() {
    String asyncId =
        run("{\"jobs\":[" + ADD + "],\"callbackUrl\":\"https://hooks.example.com/ivvy\"}")
            .body()
            .get("asyncId")
            .asText();

    IvvyServer.Reply reposted = batch("repost", asyncId);

    assertThat(reposted.body().toString()).isEqualTo("{\"reposted\":true}");
    assertThat(server.pipeline.publishedJobs).hasSize(2);
    ContactJob copy = server.pipeline.publishedJobs.get(1);
    assertThat(copy.getRedeliver()).isTrue();
    assertThat(copy.getJobId()).isEqualTo(asyncId);
    assertThat(server.pipeline.publishedJobs.get(0).getRedeliver()).isFalse();
  }

  @Test
  void shouldRefuseToRepostABatchWithoutACallbackOrStillRunning() {
    String withoutCallback = run("{\"jobs\":[" + ADD + "]}").body().get("asyncId").asText();
    server.pipeline.jobStore().holdResults = true;
    String running =
        run("{\"jobs\":["
                + ADD.replace("ada@", "eve@")
                + "],\"callbackUrl\":\"https://hooks.example.com/ivvy\"}")
            .body()
            .get("asyncId")
            .asText();
    int jobsBefore = server.pipeline.publishedJobs.size();

    IvvyServer.Reply noCallback = batch("repost", withoutCallback);
    IvvyServer.Reply notFinished = batch("repost", running);

    assertThat(noCallback.status()).isEqualTo(400);
    assertThat(noCallback.body().get("message").asText()).contains("no callbackUrl");
    assertThat(notFinished.status()).isEqualTo(400);
    assertThat(notFinished.body().get("specificCode").asInt()).isEqualTo(24114);
    assertThat(server.pipeline.publishedJobs).hasSize(jobsBefore);
  }

  @Test
  void shouldAnswerRestartOfAKnownBatchAsIvvyDoes() {
    String asyncId = run("{\"jobs\":[" + ADD + "]}").body().get("asyncId").asText();

    assertThat(batch("restart", asyncId).body().toString()).isEqualTo("{\"restarted\":true}");
  }

  @Test
  void shouldAnswerABatchKafkaDidNotTakeWith24091() {
    server.pipeline.refuseJobs = true;

    IvvyServer.Reply reply = run("{\"jobs\":[" + ADD + "]}");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body().get("errorCode").asInt()).isEqualTo(503);
    assertThat(reply.body().get("specificCode").asInt()).isEqualTo(24091);
    assertThat(reply.body().get("message").asText()).isEqualTo("The information was not saved");
  }

  @Test
  void shouldTakeTheVendorsExampleShapeWithItsTrailingCommaAndTwoHundredJobs() {
    IvvyServer.Reply trailingComma =
        run("{\"jobs\":[" + ADD + ",],\"callbackUrl\":\"http://example.callback.url.com\"}");
    IvvyServer.Reply full = run(IvvyRefusals.batchOf(200).replace("\"id\":1", "\"id\":\"1\""));

    assertThat(trailingComma.status()).as(String.valueOf(trailingComma.body())).isEqualTo(200);
    assertThat(full.status()).as(String.valueOf(full.body())).isEqualTo(200);
    assertThat(server.pipeline.publishedJobs.get(1).getItemCount()).isEqualTo(200);
  }

  private IvvyServer.Reply run(String body) {
    return server.send("POST", "/api/1.0/batch?action=run", IvvyServer.DEMO, body);
  }

  private IvvyServer.Reply batch(String action, String asyncId) {
    return server.send(
        "POST",
        "/api/1.0/batch?action=" + action,
        IvvyServer.DEMO,
        "{\"async\":\"" + asyncId + "\"}");
  }

  private static String getContact(long id) {
    return "{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":" + id + "}}";
  }
}
