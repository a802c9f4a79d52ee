package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jobs read side against real PostgreSQL, on rows laid out as V6 defines them (inserted here
 * the way sink-service records them): progress, item order, completion and tenant isolation.
 */
@Timeout(180)
class JdbcJobStoreIT {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DataSource database;
  private static JobStore store;

  @BeforeAll
  static void recordJobsAsTheSinkDoes() throws SQLException {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    // A running job with 2 of 4 items, recorded out of order; a finished job of 1 item.
    insertJob(job("running", "store-a", 4), null);
    insertItem(result("running", "store-a", 3, 4, 33));
    insertItem(result("running", "store-a", 1, 4, 11));
    insertJob(job("finished", "store-a", 1), T0.plusSeconds(5));
    insertItem(result("finished", "store-a", 0, 1, 7));
    store = new JdbcJobStore(database);
  }

  @Test
  void shouldReportARunningJobWithTheShareOfItemsRecorded() {
    StoredJob running = store.job("store-a", "running").orElseThrow();

    assertThat(running.job()).isEqualTo(job("running", "store-a", 4));
    assertThat(running.recordedItems()).isEqualTo(2);
    assertThat(running.isComplete()).isFalse();
    assertThat(running.progressPercent()).isEqualTo(50);
  }

  @Test
  void shouldReportAFinishedJobAsCompleteAtOneHundredPercent() {
    StoredJob finished = store.job("store-a", "finished").orElseThrow();

    assertThat(finished.completedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(finished.progressPercent()).isEqualTo(100);
  }

  @Test
  void shouldReturnItemResultsInItemOrder() {
    assertThat(store.itemResults("store-a", "running"))
        .extracting(ContactResult::getItemIndex, ContactResult::getContactId)
        .containsExactly(tuple(1, 11L), tuple(3, 33L));
  }

  @Test
  void shouldNotFindAnotherTenantsJobNorAnUnknownOne() {
    assertThat(store.job("store-b", "running")).isEmpty();
    assertThat(store.itemResults("store-b", "running")).isEmpty();
    assertThat(store.job("store-a", "never-submitted")).isEmpty();
    assertThat(store.job("store-a", "nul\u0000id")).isEmpty();
  }

  private static ContactJob job(String jobId, String tenant, int itemCount) {
    return ContactJob.newBuilder()
        .setJobId(jobId)
        .setTenant(tenant)
        .setKind(JobKind.IVVY_BATCH)
        .setItemCount(itemCount)
        .setAcceptedAt(T0)
        .setRequests(List.of())
        .build();
  }

  private static ContactResult result(
      String jobId, String tenant, int index, int itemCount, long contactId) {
    return ContactResult.newBuilder()
        .setRequestId(jobId)
        .setItemIndex(index)
        .setItemCount(itemCount)
        .setKey(new ContactKey(tenant, 0, "c" + index + "@example.com"))
        .setContactId(contactId)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(true)
        .setResolvedAt(T0)
        .setAction(CommandAction.UPSERT)
        .setOutcome(CommandOutcome.RESOLVED)
        .setJob(true)
        .build();
  }

  private static void insertJob(ContactJob job, Instant completedAt) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO contact_jobs (tenant, job_id, kind, item_count, callback_url, job,"
                    + " accepted_at, completed_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)")) {
      insert.setString(1, job.getTenant());
      insert.setString(2, job.getJobId());
      insert.setString(3, job.getKind().name());
      insert.setInt(4, job.getItemCount());
      insert.setBytes(5, Topics.JOBS.valueSerde().serializer().serialize(Topics.JOBS.name(), job));
      insert.setTimestamp(6, Timestamp.from(job.getAcceptedAt()));
      insert.setTimestamp(7, completedAt == null ? null : Timestamp.from(completedAt));
      insert.executeUpdate();
    }
  }

  private static void insertItem(ContactResult result) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO contact_job_items (tenant, job_id, item_index, item_count, result,"
                    + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, result.getKey().getTenant());
      insert.setString(2, result.getRequestId());
      insert.setInt(3, result.getItemIndex());
      insert.setInt(4, result.getItemCount());
      insert.setBytes(
          5, Topics.RESULTS.valueSerde().serializer().serialize(Topics.RESULTS.name(), result));
      insert.setTimestamp(6, Timestamp.from(T0));
      insert.executeUpdate();
    }
  }
}
