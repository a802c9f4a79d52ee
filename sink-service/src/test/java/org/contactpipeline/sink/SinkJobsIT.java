package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.testing.JobRecords.itemResult;
import static org.contactpipeline.testing.JobRecords.itemResults;
import static org.contactpipeline.testing.JobRecords.job;
import static org.contactpipeline.testing.JobRecords.redelivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.JobItemOutcome;
import org.contactpipeline.testing.CallbackReceiver;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole sink on a real broker and PostgreSQL, with a callback receiver on the loopback address:
 * a job completes whichever of its pieces comes last, is announced once with every item once, and
 * its callback arrives signed under the job id, again on request.
 */
@Timeout(120)
class SinkJobsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static JobsOnKafka pipeline;
  private static CallbackReceiver receiver;
  private static SinkService sink;

  @BeforeAll
  static void start() throws IOException {
    pipeline = JobsOnKafka.start();
    receiver = CallbackReceiver.start();
    sink = new SinkService(pipeline.sinkConfig());
    sink.start();
  }

  @AfterAll
  static void stop() {
    sink.close();
    receiver.close();
    pipeline.close();
  }

  @Test
  void shouldAssembleAJobWhoseResultsCameBeforeAndAfterItsRecordOnceAndCallItBack()
      throws IOException {
    String jobId = UUID.randomUUID().toString();
    String path = "/jobs/" + jobId;
    List<ContactResult> results = itemResults("demo", jobId, 4);
    ContactResult replayedFirst = ContactResult.newBuilder(results.get(0)).setContactId(99).build();
    double completedBefore = completedJobs();

    pipeline.publishResults(results.subList(0, 2));
    pipeline.publishJob(job("demo", jobId, 4, receiver.url(path)));
    pipeline.publishResults(results.subList(2, 4));
    pipeline.publishResults(List.of(replayedFirst));

    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), "DELIVERED"::equals);
    Poll.until(DEADLINE, () -> pipeline.isAnnounced(jobId), announced -> announced);

    assertThat(pipeline.rows("contact_job_items", jobId)).isEqualTo(4);
    assertThat(completedJobs() - completedBefore).as("completed once").isEqualTo(1.0);
    assertThat(pipeline.jobResults(jobId))
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.getItemCount()).isEqualTo(4);
              assertThat(result.getItems())
                  .extracting(JobItemOutcome::getItemIndex)
                  .containsExactly(0, 1, 2, 3);
              assertThat(result.getItems().get(0).getContactId())
                  .as("the first result of an item stands")
                  .isEqualTo(1000L);
            });
    CallbackReceiver.Received callback = receiver.received(path).get(0);
    assertThat(receiver.received(path)).hasSize(1);
    assertThat(callback.header("Idempotency-Key")).contains(jobId);
    assertThat(callback.header("X-Contact-Pipeline-Job")).contains(jobId);
    assertThat(
            CallbackSignature.verify(
                JobsOnKafka.SECRET,
                callback.header(CallbackSignature.HEADER).orElseThrow(),
                callback.body(),
                Instant.now(),
                Duration.ofMinutes(5)))
        .isTrue();
    JsonNode body = new ObjectMapper().readTree(callback.body());
    assertThat(body.get("bulk_id").asText()).as("the Cendyn webhook of the bulk").isEqualTo(jobId);
    assertThat(body.get("contacts_valid_count").asInt()).isEqualTo(4);
    assertThat(body.get("valid_contacts"))
        .extracting(c -> c.get("_id").asLong())
        .containsExactly(1000L, 1001L, 1002L, 1003L);
  }

  @Test
  void shouldAnnounceAJobWithoutACallback() {
    String jobId = UUID.randomUUID().toString();

    pipeline.publishJob(job("demo", jobId, 2, null));
    pipeline.publishResults(itemResults("demo", jobId, 2));

    Poll.until(DEADLINE, () -> pipeline.isAnnounced(jobId), announced -> announced);
    assertThat(pipeline.jobResults(jobId)).hasSize(1);
    assertThat(pipeline.callbackState(jobId)).isNull();
  }

  @Test
  void shouldDeliverTheCallbackAgainUnderTheSameKeyWhenAskedToRedeliver() {
    String jobId = UUID.randomUUID().toString();
    String path = "/redelivered/" + jobId;
    ContactJob job = job("demo", jobId, 2, receiver.url(path));
    pipeline.publishJob(job);
    pipeline.publishResults(itemResults("demo", jobId, 2));
    Poll.until(DEADLINE, () -> receiver.received(path), requests -> requests.size() == 1);
    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), "DELIVERED"::equals);

    pipeline.publishJob(redelivery(job));

    List<CallbackReceiver.Received> requests =
        Poll.until(DEADLINE, () -> receiver.received(path), received -> received.size() == 2);
    assertThat(requests)
        .extracting(request -> request.header("Idempotency-Key").orElseThrow())
        .containsExactly(jobId, jobId);
    assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), "DELIVERED"::equals);
    assertThat(pipeline.jobResults(jobId)).as("a redelivery announces nothing").hasSize(1);
  }

  @Test
  void shouldNotCompleteAJobBeforeItsLastItem() {
    String jobId = UUID.randomUUID().toString();
    pipeline.publishJob(job("demo", jobId, 3, null));
    pipeline.publishResults(
        List.of(itemResult("demo", jobId, 0, 3), itemResult("demo", jobId, 2, 3)));

    Poll.until(DEADLINE, () -> pipeline.rows("contact_job_items", jobId), rows -> rows == 2);
    assertThat(pipeline.rows("contact_jobs", jobId)).isEqualTo(1);
    assertThat(pipeline.isAnnounced(jobId)).isFalse();

    pipeline.publishResults(List.of(itemResult("demo", jobId, 1, 3)));
    Poll.until(DEADLINE, () -> pipeline.isAnnounced(jobId), announced -> announced);
  }

  private static double completedJobs() {
    return sink.metrics().registry().get(MetricNames.JOBS_COMPLETED).counter().count();
  }

  @Test
  void shouldReportEveryThreadRunning() {
    assertThat(sink.consumersHealthCheck().check().ready()).isTrue();
    assertThat(sink.metrics().scrape())
        .contains("contact_sink_consumer_running{consumer=\"job-item-recorder\"")
        .contains("contact_sink_jobs_completed_total")
        .contains("contact_sink_callbacks_total{result=\"delivered\"");
  }
}
