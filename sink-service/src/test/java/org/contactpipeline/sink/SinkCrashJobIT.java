package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.testing.JobRecords.itemResults;
import static org.contactpipeline.testing.JobRecords.job;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.JobItemOutcome;
import org.contactpipeline.testing.CallbackReceiver;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A job that finishes across a crash of the sink: a sink in a process of its own records half the
 * job's results and is killed (SIGKILL: no shutdown hook, no offset commit after its last write); a
 * new sink takes over and the rest arrive. The job still completes, each item has one row, every
 * ContactJobResult written for it has the same content, and the callback arrives under the job id.
 */
@Timeout(180)
class SinkCrashJobIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static JobsOnKafka pipeline;
  private static CallbackReceiver receiver;
  private Process killedSink;
  private SinkService newSink;

  @BeforeAll
  static void start() throws IOException {
    pipeline = JobsOnKafka.start();
    receiver = CallbackReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    pipeline.close();
  }

  @AfterEach
  void stopSinks() throws InterruptedException {
    if (killedSink != null && killedSink.isAlive()) {
      killedSink.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (newSink != null) {
      newSink.close();
    }
  }

  @Test
  void shouldFinishAJobAcrossAKilledSink() throws Exception {
    String jobId = UUID.randomUUID().toString();
    String path = "/crash/" + jobId;
    List<ContactResult> results = itemResults("demo", jobId, 6);
    killedSink = sinkProcess();
    pipeline.publishJob(job("demo", jobId, 6, receiver.url(path)));
    pipeline.publishResults(results.subList(0, 3));
    Poll.until(DEADLINE, () -> pipeline.rows("contact_job_items", jobId), rows -> rows == 3);

    killedSink.destroyForcibly();
    assertThat(killedSink.waitFor(30, TimeUnit.SECONDS)).isTrue();
    newSink = new SinkService(pipeline.sinkConfig());
    newSink.start();
    pipeline.publishResults(results.subList(3, 6));

    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), "DELIVERED"::equals);
    Poll.until(DEADLINE, () -> pipeline.isAnnounced(jobId), announced -> announced);
    assertThat(pipeline.rows("contact_job_items", jobId)).isEqualTo(6);
    List<ContactJobResult> announced = pipeline.jobResults(jobId);
    assertThat(announced).isNotEmpty();
    assertThat(new HashSet<>(announced)).as("every announcement identical").hasSize(1);
    assertThat(announced.get(0).getItems())
        .extracting(JobItemOutcome::getItemIndex)
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(receiver.received(path))
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.header("Idempotency-Key")).contains(jobId));
  }

  @Test
  void shouldAnnounceAndCallBackAJobCompletedJustBeforeTheKill() throws Exception {
    String jobId = UUID.randomUUID().toString();
    String path = "/completed-then-killed/" + jobId;
    killedSink = sinkProcess();
    pipeline.publishJob(job("demo", jobId, 3, receiver.url(path)));
    pipeline.publishResults(itemResults("demo", jobId, 3));
    // Killed as soon as the job is complete: its announcement and callback may or may not be out.
    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), state -> state != null);

    killedSink.destroyForcibly();
    assertThat(killedSink.waitFor(30, TimeUnit.SECONDS)).isTrue();
    newSink = new SinkService(pipeline.sinkConfig());
    newSink.start();

    Poll.until(DEADLINE, () -> pipeline.callbackState(jobId), "DELIVERED"::equals);
    Poll.until(DEADLINE, () -> pipeline.isAnnounced(jobId), announced -> announced);
    List<ContactJobResult> announced = pipeline.jobResults(jobId);
    assertThat(announced).isNotEmpty();
    assertThat(new HashSet<>(announced)).as("every announcement identical").hasSize(1);
    assertThat(receiver.received(path))
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.header("Idempotency-Key")).contains(jobId));
  }

  private Process sinkProcess() throws IOException {
    return pipeline.sinkProcess(pipeline.environment());
  }
}
