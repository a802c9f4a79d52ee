package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.testing.JobRecords.itemResults;
import static org.contactpipeline.testing.JobRecords.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.config.Settings;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sink killed (SIGKILL) and started again under its {@code SINK_INSTANCE_ID} writes at once: each
 * of its consumers rejoins its group as the same static member and takes its partitions back. The
 * session is a minute here, three times the deadline, so a sink that had to wait for its dead
 * self's session to time out (a dynamic member, as before the instance id) would miss it.
 */
@Timeout(180)
class SinkRestartIT {

  private static final Duration SESSION = Duration.ofSeconds(60);
  private static final Duration FIRST_START = Duration.ofSeconds(60);
  private static final Duration WELL_BEFORE_THE_SESSION_ENDS = Duration.ofSeconds(20);

  private static JobsOnKafka pipeline;
  private Process killedSink;
  private SinkService restartedSink;

  @BeforeAll
  static void start() {
    pipeline = JobsOnKafka.start();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @AfterEach
  void stopSinks() throws InterruptedException {
    if (killedSink != null && killedSink.isAlive()) {
      killedSink.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (restartedSink != null) {
      restartedSink.close();
    }
  }

  @Test
  void shouldWriteAgainAtOnceWhenStartedUnderItsInstanceId() throws Exception {
    Map<String, String> environment = new HashMap<>(pipeline.environment());
    environment.remove("KAFKA_SESSION_TIMEOUT_MS");
    environment.put("SINK_INSTANCE_ID", "sink-restart-test");
    environment.put("SINK_SESSION_TIMEOUT_MS", Long.toString(SESSION.toMillis()));
    String before = UUID.randomUUID().toString();
    killedSink = pipeline.sinkProcess(environment);
    pipeline.publishJob(job("demo", before, 3, null));
    pipeline.publishResults(itemResults("demo", before, 3));
    Poll.until(FIRST_START, () -> pipeline.rows("contact_job_items", before), rows -> rows == 3);

    killedSink.destroyForcibly();
    assertThat(killedSink.waitFor(30, TimeUnit.SECONDS)).isTrue();
    restartedSink =
        new SinkService(SinkConfig.from(Settings.layer(SinkConfig.DEFAULTS, environment)));
    restartedSink.start();
    String after = UUID.randomUUID().toString();
    pipeline.publishJob(job("demo", after, 3, null));
    pipeline.publishResults(itemResults("demo", after, 3));

    Poll.until(
        WELL_BEFORE_THE_SESSION_ENDS,
        () -> pipeline.rows("contact_job_items", after),
        rows -> rows == 3);
  }
}
