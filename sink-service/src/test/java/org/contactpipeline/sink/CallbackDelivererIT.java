package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.testing.JobRecords.itemResults;
import static org.contactpipeline.testing.JobRecords.job;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.stack.TestDatabases;
import org.contactpipeline.store.ContactSchema;
import org.contactpipeline.store.JobCallbackTable;
import org.contactpipeline.store.JobItemTable;
import org.contactpipeline.store.JobTable;
import org.contactpipeline.testing.CallbackReceiver;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The callback deliverer on real PostgreSQL against a real HTTP receiver on the loopback address:
 * what is retried and what is final, that every attempt carries the same idempotency key and a
 * valid signature, and that a URL the policy refuses is never called.
 */
@Timeout(120)
class CallbackDelivererIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String SECRET = "test-signing-secret";
  private static final AtomicInteger JOB_IDS = new AtomicInteger();

  private static DataSource database;
  private static CallbackReceiver receiver;

  @BeforeAll
  static void start() throws IOException {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    receiver = CallbackReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void shouldRetryTwo503sAndDeliverTheThirdAttemptUnderTheSameKey() throws Exception {
    String jobId = completedJob("/retry");
    receiver.answer("/retry", 503, 503);
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.of(SECRET), 8);

    awaitState(deliverer, jobId, "DELIVERED");

    List<CallbackReceiver.Received> requests = receiver.received("/retry");
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.header("Idempotency-Key")).contains(jobId);
              assertThat(request.header("X-Contact-Pipeline-Job")).contains(jobId);
              assertThat(request.header("Content-Type")).contains("application/json");
              assertThat(
                      CallbackSignature.verify(
                          SECRET,
                          request.header(CallbackSignature.HEADER).orElseThrow(),
                          request.body(),
                          Instant.now(),
                          Duration.ofMinutes(5)))
                  .isTrue();
            });
    assertThat(requests)
        .extracting(CallbackReceiver.Received::body)
        .containsOnly(requests.get(0).body());
    assertThat(attempts(jobId)).isEqualTo(3);
  }

  @Test
  void shouldFailWithoutRetryingWhenTheReceiverAnswers400() throws Exception {
    String jobId = completedJob("/bad-request");
    receiver.answer("/bad-request", 400);
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.of(SECRET), 8);

    awaitState(deliverer, jobId, "FAILED");

    assertThat(receiver.received("/bad-request")).hasSize(1);
    assertThat(lastError(jobId)).contains("400");
  }

  @Test
  void shouldNotFollowARedirect() throws Exception {
    String jobId = completedJob("/redirected");
    receiver.answer("/redirected", 302);
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.of(SECRET), 8);

    awaitState(deliverer, jobId, "FAILED");

    assertThat(receiver.received("/redirected")).hasSize(1);
    assertThat(receiver.received("/redirected/moved")).isEmpty();
  }

  @Test
  void shouldNeverCallAUrlThePolicyRefuses() throws Exception {
    String jobId = completedJob("/private");
    CallbackDeliverer deliverer =
        deliverer(CallbackPolicy.publicHostsOnly(), Optional.of(SECRET), 8);

    awaitState(deliverer, jobId, "FAILED");

    assertThat(receiver.received("/private")).isEmpty();
    assertThat(lastError(jobId)).contains("refused by the callback policy");
  }

  @Test
  void shouldCheckThePolicyAgainBeforeARetry() throws Exception {
    String jobId = completedJob("/policy-changed");
    receiver.answer("/policy-changed", 503);
    Poll.until(
        DEADLINE,
        () -> passThenAttempts(deliverer(loopbackAllowed(), Optional.of(SECRET), 8), jobId),
        attempts -> attempts == 1);

    // The same callback, now on an instance whose policy refuses private addresses.
    awaitState(
        deliverer(CallbackPolicy.publicHostsOnly(), Optional.of(SECRET), 8), jobId, "FAILED");

    assertThat(receiver.received("/policy-changed")).hasSize(1);
    assertThat(lastError(jobId)).contains("refused by the callback policy");
  }

  @Test
  void shouldGiveUpAfterTheLastAttempt() throws Exception {
    String jobId = completedJob("/always-down");
    receiver.answer("/always-down", 503, 503, 503, 503, 503);
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.of(SECRET), 3);

    awaitState(deliverer, jobId, "FAILED");

    assertThat(receiver.received("/always-down")).hasSize(3);
    assertThat(lastError(jobId)).contains("gave up after 3 attempts").contains("503");
  }

  @Test
  void shouldRetryWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String jobId = newJobId();
    recordCompletedJob(jobId, "http://127.0.0.1:" + closedPort + "/nobody");
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.of(SECRET), 8);

    Poll.until(DEADLINE, () -> passThenAttempts(deliverer, jobId), attempts -> attempts >= 2);

    assertThat(state(jobId)).isEqualTo("PENDING");
    assertThat(lastError(jobId)).contains("ConnectException");
  }

  @Test
  void shouldSendNoSignatureWithoutASecret() throws Exception {
    String jobId = completedJob("/unsigned");
    CallbackDeliverer deliverer = deliverer(loopbackAllowed(), Optional.empty(), 8);

    awaitState(deliverer, jobId, "DELIVERED");

    assertThat(receiver.received("/unsigned"))
        .singleElement()
        .satisfies(request -> assertThat(request.header(CallbackSignature.HEADER)).isEmpty());
  }

  private static CallbackPolicy loopbackAllowed() {
    return new CallbackPolicy(List.of(), true);
  }

  private static CallbackDeliverer deliverer(
      CallbackPolicy policy, Optional<String> secret, int maxAttempts) {
    JobsConfig.Callbacks config =
        new JobsConfig.Callbacks(
            policy,
            secret,
            maxAttempts,
            new CallbackBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
    return new CallbackDeliverer(
        new JobCallbackTable(database),
        CallbackSender.of(config, Clock.systemUTC()),
        JobResponseBodies.vendorWorded(),
        config,
        new JobMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
  }

  /** Runs delivery passes until the callback of {@code jobId} is in {@code state}. */
  private static void awaitState(CallbackDeliverer deliverer, String jobId, String state) {
    Poll.until(DEADLINE, () -> passThenState(deliverer, jobId), state::equals);
  }

  private static String passThenState(CallbackDeliverer deliverer, String jobId) {
    try {
      deliverer.deliverNext();
      return state(jobId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int passThenAttempts(CallbackDeliverer deliverer, String jobId) {
    try {
      deliverer.deliverNext();
      return attempts(jobId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String completedJob(String path) throws SQLException {
    String jobId = newJobId();
    recordCompletedJob(jobId, receiver.url(path));
    return jobId;
  }

  private static void recordCompletedJob(String jobId, String url) throws SQLException {
    new JobTable(database).record(List.of(job("demo", jobId, 2, url)));
    new JobItemTable(database).record(itemResults("demo", jobId, 2));
  }

  private static String newJobId() {
    return "callback-job-" + JOB_IDS.incrementAndGet();
  }

  private static String state(String jobId) throws SQLException {
    return column(jobId, "state");
  }

  private static int attempts(String jobId) throws SQLException {
    return Integer.parseInt(column(jobId, "attempts::text"));
  }

  private static String lastError(String jobId) throws SQLException {
    return column(jobId, "last_error");
  }

  private static String column(String jobId, String column) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + column + " FROM contact_job_callbacks WHERE job_id = ?")) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("callback of %s", jobId).isTrue();
        return rows.getString(1);
      }
    }
  }
}
