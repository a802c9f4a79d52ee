package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactJob;

/**
 * The {@code contact_jobs} table: one row per asynchronous job from {@code contact.jobs}, as
 * ingest-service accepted it. The first record of a job stands and a replayed one changes nothing.
 * A record that asks for redelivery (iVvy repost) changes no job: it puts the finished job's
 * callback back in the queue, due now with its attempts reset, under the same idempotency key.
 */
public final class JobTable {

  private static final String INSERT =
      """
      INSERT INTO contact_jobs (tenant, job_id, kind, item_count, callback_url, job, accepted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (tenant, job_id) DO NOTHING
      """;

  /**
   * The items that arrived before their job: counted once, when the job's row is written; later
   * items add themselves ({@link JobItemTable}). A replayed job recounts, which is as right.
   */
  private static final String COUNT_EARLY_ITEMS =
      """
      UPDATE contact_jobs j
      SET items_recorded = (SELECT count(*) FROM contact_job_items i
                            WHERE i.tenant = j.tenant AND i.job_id = j.job_id)
      FROM unnest(?::text[], ?::text[]) AS k(tenant, job_id)
      WHERE j.tenant = k.tenant AND j.job_id = k.job_id AND j.completed_at IS NULL
      """;

  private static final String REQUEUE_CALLBACK =
      """
      UPDATE contact_job_callbacks
      SET state = 'PENDING', next_attempt_at = now(), attempts = 0, last_error = NULL,
          delivered_at = NULL
      WHERE tenant = ? AND job_id = ?
      """;

  private final DataSource dataSource;

  public JobTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records jobs (and redelivery requests) in one transaction, and completes the jobs whose items
   * were all in before them.
   *
   * @return how many jobs this write completed
   */
  public int record(List<ContactJob> jobs) throws SQLException {
    if (jobs.isEmpty()) {
      return 0;
    }
    List<ContactJob> accepted = jobs.stream().filter(job -> !job.getRedeliver()).toList();
    List<ContactJob> redeliveries = jobs.stream().filter(ContactJob::getRedeliver).toList();
    TreeSet<JobKey> keys = new TreeSet<>(accepted.stream().map(JobKey::of).toList());
    AtomicInteger completed = new AtomicInteger();
    Transaction.run(
        dataSource,
        connection -> {
          JobLocks.lock(connection, keys);
          BatchStatement.execute(connection, INSERT, accepted, JobTable::bindJob);
          if (!keys.isEmpty()) {
            try (PreparedStatement count = connection.prepareStatement(COUNT_EARLY_ITEMS)) {
              JobKey.bindAll(connection, count, 1, keys);
              count.executeUpdate();
            }
          }
          BatchStatement.execute(
              connection, REQUEUE_CALLBACK, redeliveries, JobTable::bindRedelivery);
          completed.set(JobCompletion.complete(connection, keys));
        });
    return completed.get();
  }

  private static void bindJob(PreparedStatement statement, ContactJob job) throws SQLException {
    statement.setString(1, job.getTenant());
    statement.setString(2, job.getJobId());
    statement.setString(3, job.getKind().name());
    statement.setInt(4, job.getItemCount());
    statement.setString(5, job.getCallbackUrl());
    statement.setBytes(6, StoredJobs.encode(job));
    statement.setTimestamp(7, Timestamp.from(job.getAcceptedAt()));
  }

  private static void bindRedelivery(PreparedStatement statement, ContactJob job)
      throws SQLException {
    statement.setString(1, job.getTenant());
    statement.setString(2, job.getJobId());
  }
}
