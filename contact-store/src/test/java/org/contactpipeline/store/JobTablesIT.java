package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.testing.JobRecords.itemResult;
import static org.contactpipeline.testing.JobRecords.itemResults;
import static org.contactpipeline.testing.JobRecords.job;
import static org.contactpipeline.testing.JobRecords.redelivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writers of the jobs tables on real PostgreSQL: a job completes exactly once whichever piece
 * comes last, even when the job and its last item are written concurrently; callbacks are claimed
 * once among competing instances and a stale attempt cannot overwrite a redelivery; retention
 * deletes only what is finished.
 */
@Timeout(180)
class JobTablesIT {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private static DataSource database;
  private static JobTable jobs;
  private static JobItemTable items;
  private static JobAnnouncements announcements;
  private static JobCallbackTable callbacks;
  private static JobRetention retention;
  private static final AtomicInteger JOB_IDS = new AtomicInteger();

  @BeforeAll
  static void migrate() {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    jobs = new JobTable(database);
    items = new JobItemTable(database);
    announcements = new JobAnnouncements(database);
    callbacks = new JobCallbackTable(database);
    retention = new JobRetention(database);
  }

  @Test
  void shouldCompleteAJobWhoseItemsArriveBeforeItsRecord() throws SQLException {
    String jobId = newJobId();
    assertThat(items.record(itemResults("demo", jobId, 3))).isZero();

    assertThat(jobs.record(List.of(job("demo", jobId, 3, null)))).isEqualTo(1);

    assertThat(completedAt("demo", jobId)).isNotNull();
  }

  @Test
  void shouldCompleteAJobWhenItsLastItemArrivesAndOnlyOnce() throws SQLException {
    String jobId = newJobId();
    List<ContactResult> results = itemResults("demo", jobId, 3);
    assertThat(jobs.record(List.of(job("demo", jobId, 3, null)))).isZero();
    assertThat(items.record(results.subList(0, 2))).isZero();
    assertThat(completedAt("demo", jobId)).isNull();

    assertThat(items.record(results.subList(2, 3))).isEqualTo(1);
    Instant completed = completedAt("demo", jobId);
    assertThat(items.record(results)).as("a replay completes nothing").isZero();
    assertThat(jobs.record(List.of(job("demo", jobId, 3, null)))).isZero();

    assertThat(completedAt("demo", jobId)).isEqualTo(completed);
    assertThat(count("SELECT count(*) FROM contact_job_items WHERE job_id = ?", jobId))
        .isEqualTo(3);
  }

  @Test
  void shouldNotCountAReplayedItemTowardsItsJob() throws SQLException {
    String jobId = newJobId();
    List<ContactResult> results = itemResults("demo", jobId, 3);
    jobs.record(List.of(job("demo", jobId, 3, null)));
    items.record(results.subList(0, 2));

    assertThat(items.record(results.subList(0, 2))).as("a replayed batch").isZero();
    assertThat(items.record(List.of(results.get(1), results.get(1))))
        .as("an item twice in one batch")
        .isZero();
    assertThat(completedAt("demo", jobId)).isNull();
    assertThat(items.record(results.subList(2, 3))).isEqualTo(1);
  }

  @Test
  void shouldKeepTheFirstResultOfAnItem() throws SQLException {
    String jobId = newJobId();
    ContactResult first = itemResult("demo", jobId, 0, 2);
    ContactResult later = ContactResult.newBuilder(first).setContactId(99).build();

    items.record(List.of(first));
    items.record(List.of(later));
    jobs.record(List.of(job("demo", jobId, 2, null)));
    items.record(List.of(itemResult("demo", jobId, 1, 2)));

    assertThat(announceAll())
        .filteredOn(job -> job.job().getJobId().equals(jobId))
        .singleElement()
        .satisfies(
            job -> assertThat(job.items()).containsExactly(first, itemResult("demo", jobId, 1, 2)));
  }

  @Test
  void shouldStoreTheJobAndResultsInSingleObjectEncoding() throws SQLException {
    String jobId = newJobId();
    ContactJob job = job("demo", jobId, 1, null);
    jobs.record(List.of(job));
    items.record(itemResults("demo", jobId, 1));

    byte[] stored = bytes("SELECT job FROM contact_jobs WHERE job_id = ?", jobId);
    byte[] result = bytes("SELECT result FROM contact_job_items WHERE job_id = ?", jobId);

    assertThat(Topics.JOBS.valueSerde().deserializer().deserialize("t", stored)).isEqualTo(job);
    assertThat(Topics.RESULTS.valueSerde().deserializer().deserialize("t", result))
        .isEqualTo(itemResult("demo", jobId, 0, 1));
  }

  @Test
  void shouldKeepJobsOfTwoTenantsWithOneIdApart() throws SQLException {
    String jobId = newJobId();
    jobs.record(List.of(job("demo", jobId, 1, null), job("acme", jobId, 2, null)));

    assertThat(items.record(itemResults("demo", jobId, 1))).isEqualTo(1);

    assertThat(completedAt("demo", jobId)).isNotNull();
    assertThat(completedAt("acme", jobId)).isNull();
  }

  @Test
  void shouldCompleteExactlyOnceWhenTheJobAndItsLastItemAreWrittenConcurrently() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String jobId = newJobId();
        List<ContactResult> results = itemResults("demo", jobId, 2);
        items.record(results.subList(0, 1));
        CountDownLatch start = new CountDownLatch(1);
        Future<Integer> byJob =
            writers.submit(
                () -> {
                  start.await();
                  return jobs.record(List.of(job("demo", jobId, 2, "https://hooks.example.com/")));
                });
        Future<Integer> byItem =
            writers.submit(
                () -> {
                  start.await();
                  return items.record(results.subList(1, 2));
                });
        start.countDown();

        assertThat(byJob.get(30, TimeUnit.SECONDS) + byItem.get(30, TimeUnit.SECONDS))
            .as("completions of " + jobId)
            .isEqualTo(1);
        assertThat(completedAt("demo", jobId)).isNotNull();
        assertThat(count("SELECT count(*) FROM contact_job_callbacks WHERE job_id = ?", jobId))
            .isEqualTo(1);
      }
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void shouldQueueACallbackOnlyForACompletedJobWithACallbackUrl() throws SQLException {
    String withUrl = newJobId();
    String without = newJobId();
    jobs.record(
        List.of(
            job("demo", withUrl, 1, "https://hooks.example.com/a"), job("demo", without, 1, null)));
    assertThat(count("SELECT count(*) FROM contact_job_callbacks WHERE job_id = ?", withUrl))
        .as("not before it completes")
        .isZero();

    items.record(List.of(itemResult("demo", withUrl, 0, 1), itemResult("demo", without, 0, 1)));

    assertThat(callbackState(withUrl)).isEqualTo("PENDING");
    assertThat(count("SELECT count(*) FROM contact_job_callbacks WHERE job_id = ?", without))
        .isZero();
  }

  @Test
  void shouldAnnounceACompleteJobOnceWithItsItemsInOrder() throws SQLException {
    String jobId = newJobId();
    List<ContactResult> results = itemResults("demo", jobId, 3);
    items.record(List.of(results.get(2), results.get(0)));
    jobs.record(List.of(job("demo", jobId, 3, null)));
    items.record(List.of(results.get(1)));

    List<FinishedJob> first = announceAll();
    assertThat(first)
        .filteredOn(job -> job.job().getJobId().equals(jobId))
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.items()).containsExactlyElementsOf(results);
              assertThat(job.completedAt()).isEqualTo(completedAt("demo", jobId));
            });

    assertThat(announceAll()).noneMatch(job -> job.job().getJobId().equals(jobId));
    assertThat(announcedAt(jobId)).isNotNull();
  }

  @Test
  void shouldLeaveAJobUnannouncedWhenPublishingFails() throws SQLException {
    String jobId = newJobId();
    jobs.record(List.of(job("demo", jobId, 1, null)));
    items.record(itemResults("demo", jobId, 1));

    try {
      announcements.announceNext(
          1000,
          claimed -> {
            throw new java.io.IOException("broker away");
          });
    } catch (JobAnnouncements.AnnouncementFailedException expected) {
      // what the announcer's loop logs and retries
    }

    assertThat(announcedAt(jobId)).isNull();
    assertThat(announceAll()).anyMatch(job -> job.job().getJobId().equals(jobId));
  }

  @Test
  void shouldNotHandTheSameUnannouncedJobToTwoInstancesAtOnce() throws Exception {
    String jobId = newJobId();
    jobs.record(List.of(job("demo", jobId, 1, null)));
    items.record(itemResults("demo", jobId, 1));
    CountDownLatch firstHolds = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    List<String> seenBySecond = new ArrayList<>();
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> holding =
          first.submit(
              () ->
                  announcements.announceNext(
                      1000,
                      claimed -> {
                        firstHolds.countDown();
                        secondDone.await(30, TimeUnit.SECONDS);
                      }));
      assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();

      announcements.announceNext(
          1000, claimed -> claimed.forEach(job -> seenBySecond.add(job.job().getJobId())));
      secondDone.countDown();
      holding.get(30, TimeUnit.SECONDS);
    } finally {
      first.shutdownNow();
    }

    assertThat(seenBySecond).doesNotContain(jobId);
  }

  @Test
  void shouldClaimADueCallbackOnceUntilItsLeaseExpires() throws SQLException {
    String jobId = completedJobWithCallback();

    List<DueCallback> claimed = claimed(jobId, LEASE);
    assertThat(claimed)
        .singleElement()
        .satisfies(callback -> assertThat(callback.attempt()).isEqualTo(1));
    assertThat(claimed(jobId, LEASE)).as("leased").isEmpty();
    assertThat(claimed.get(0).job().items()).hasSize(1);
    assertThat(claimed.get(0).url()).isEqualTo("https://hooks.example.com/" + jobId);
  }

  @Test
  void shouldClaimAgainAfterAnExpiredLeaseAsTheNextAttempt() throws SQLException {
    String jobId = completedJobWithCallback();
    claimed(jobId, Duration.ofMillis(1));

    List<DueCallback> again =
        org.contactpipeline.testing.Poll.until(
            Duration.ofSeconds(10), () -> claimedUnchecked(jobId), list -> !list.isEmpty());

    assertThat(again.get(0).attempt()).isEqualTo(2);
  }

  @Test
  void shouldRecordDeliveryRetryAndFailure() throws SQLException {
    String delivered = completedJobWithCallback();
    String failed = completedJobWithCallback();
    String retried = completedJobWithCallback();

    callbacks.delivered(claimed(delivered, LEASE).get(0));
    callbacks.failed(claimed(failed, LEASE).get(0), "400 Bad Request");
    DueCallback retry = claimed(retried, LEASE).get(0);
    callbacks.retryAt(retry, Instant.now().minusSeconds(1), "503");

    assertThat(callbackState(delivered)).isEqualTo("DELIVERED");
    assertThat(callbackState(failed)).isEqualTo("FAILED");
    assertThat(claimed(retried, LEASE))
        .singleElement()
        .satisfies(next -> assertThat(next.attempt()).isEqualTo(retry.attempt() + 1));
  }

  @Test
  void shouldRequeueADeliveredCallbackOnRedeliveryWithItsAttemptsReset() throws SQLException {
    String jobId = completedJobWithCallback();
    callbacks.delivered(claimed(jobId, LEASE).get(0));

    jobs.record(List.of(redelivery(job("demo", jobId, 1, "https://hooks.example.com/" + jobId))));

    assertThat(callbackState(jobId)).isEqualTo("PENDING");
    assertThat(claimed(jobId, LEASE))
        .singleElement()
        .satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
  }

  @Test
  void shouldNotLetAnAttemptThatARedeliveryOvertookEndTheCallback() throws SQLException {
    String jobId = completedJobWithCallback();
    DueCallback inFlight = claimed(jobId, LEASE).get(0);
    jobs.record(List.of(redelivery(job("demo", jobId, 1, "https://hooks.example.com/" + jobId))));

    callbacks.failed(inFlight, "a late answer to the attempt before the redelivery");

    assertThat(callbackState(jobId)).isEqualTo("PENDING");
    assertThat(claimed(jobId, LEASE)).hasSize(1);
  }

  @Test
  void shouldDeleteOnlyFinishedJobsAcceptedBeforeTheCutoffWithTheirItemsAndCallbacks()
      throws SQLException {
    String finished = completedJobWithCallback();
    callbacks.delivered(claimed(finished, LEASE).get(0));
    announceAll();
    String pendingCallback = completedJobWithCallback();
    announceAll();
    String unannounced = newJobId();
    jobs.record(List.of(job("demo", unannounced, 1, null)));
    items.record(itemResults("demo", unannounced, 1));
    String orphan = newJobId();
    items.record(itemResults("demo", orphan, 1));
    Instant cutoff = Instant.now().plusSeconds(1);

    int deleted = 0;
    int batch;
    do {
      batch = retention.deleteJobsAcceptedBefore(cutoff, 2);
      assertThat(batch).isLessThanOrEqualTo(2);
      deleted += batch;
    } while (batch > 0);
    while (retention.deleteOrphanItemsRecordedBefore(cutoff, 2) > 0) {
      // bounded batches until none is left
    }

    assertThat(deleted).isPositive();
    assertThat(count("SELECT count(*) FROM contact_jobs WHERE job_id = ?", finished)).isZero();
    assertThat(count("SELECT count(*) FROM contact_job_items WHERE job_id = ?", finished)).isZero();
    assertThat(count("SELECT count(*) FROM contact_job_callbacks WHERE job_id = ?", finished))
        .isZero();
    assertThat(count("SELECT count(*) FROM contact_jobs WHERE job_id = ?", pendingCallback))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM contact_job_items WHERE job_id = ?", orphan)).isZero();
    assertThat(count("SELECT count(*) FROM contact_jobs WHERE job_id = ?", unannounced))
        .as("complete but not yet announced")
        .isEqualTo(1);
  }

  @Test
  void shouldKeepJobsAcceptedAfterTheCutoff() throws SQLException {
    String jobId = completedJobWithCallback();
    callbacks.delivered(claimed(jobId, LEASE).get(0));
    announceAll();

    while (retention.deleteJobsAcceptedBefore(
            org.contactpipeline.testing.JobRecords.ACCEPTED.minusSeconds(1), 100)
        > 0) {
      // every batch
    }

    assertThat(count("SELECT count(*) FROM contact_jobs WHERE job_id = ?", jobId)).isEqualTo(1);
  }

  private static String completedJobWithCallback() throws SQLException {
    String jobId = newJobId();
    jobs.record(List.of(job("demo", jobId, 1, "https://hooks.example.com/" + jobId)));
    items.record(itemResults("demo", jobId, 1));
    return jobId;
  }

  /** Claims every due callback and keeps the one of {@code jobId}; the others go back to due. */
  private static List<DueCallback> claimed(String jobId, Duration lease) throws SQLException {
    List<DueCallback> all = callbacks.claimDue(1000, lease);
    for (DueCallback other : all) {
      if (!other.jobId().equals(jobId)) {
        callbacks.retryAt(other, Instant.now().minusSeconds(1), null);
      }
    }
    return all.stream().filter(callback -> callback.jobId().equals(jobId)).toList();
  }

  private static List<DueCallback> claimedUnchecked(String jobId) {
    try {
      return claimed(jobId, LEASE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<FinishedJob> announceAll() throws SQLException {
    List<FinishedJob> announced = new ArrayList<>();
    announcements.announceNext(1000, announced::addAll);
    return announced;
  }

  private static String newJobId() {
    return "job-" + JOB_IDS.incrementAndGet();
  }

  private static Instant completedAt(String tenant, String jobId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT completed_at FROM contact_jobs WHERE tenant = ? AND job_id = ?")) {
      statement.setString(1, tenant);
      statement.setString(2, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("job %s/%s recorded", tenant, jobId).isTrue();
        var completed = rows.getTimestamp(1);
        return completed == null ? null : completed.toInstant();
      }
    }
  }

  private static Instant announcedAt(String jobId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT announced_at FROM contact_jobs WHERE job_id = ?")) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        var announced = rows.getTimestamp(1);
        return announced == null ? null : announced.toInstant();
      }
    }
  }

  private static String callbackState(String jobId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT state FROM contact_job_callbacks WHERE job_id = ?")) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("callback of %s", jobId).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static long count(String sql, String jobId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static byte[] bytes(String sql, String jobId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getBytes(1);
      }
    }
  }
}
