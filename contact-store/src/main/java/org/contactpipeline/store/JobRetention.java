package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Deletes old jobs with their items and callbacks, in bounded batches (one transaction each), so
 * that a sweep never holds many locks or a long transaction. A job goes once it was accepted before
 * the cutoff, unless its outcome still waits to be announced or its callback to be delivered; a job
 * that never completed goes too (its items will not come any more). Rows locked by another instance
 * (an announcement, another sweep) are skipped and taken by a later sweep.
 */
public final class JobRetention {

  private static final String DELETE_JOBS =
      """
      WITH doomed AS (
        SELECT tenant, job_id FROM contact_jobs j
        WHERE accepted_at < ?
          AND (completed_at IS NULL OR announced_at IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM contact_job_callbacks c
                          WHERE c.tenant = j.tenant AND c.job_id = j.job_id
                            AND c.state = 'PENDING')
        LIMIT ?
        FOR UPDATE SKIP LOCKED
      ), items AS (
        DELETE FROM contact_job_items i USING doomed d
        WHERE i.tenant = d.tenant AND i.job_id = d.job_id
      ), callbacks AS (
        DELETE FROM contact_job_callbacks c USING doomed d
        WHERE c.tenant = d.tenant AND c.job_id = d.job_id
      )
      DELETE FROM contact_jobs j USING doomed d
      WHERE j.tenant = d.tenant AND j.job_id = d.job_id
      """;

  /**
   * Items whose job never arrived (an ingest instance that died between publishing a job's commands
   * and the job itself). No index serves this scan; it runs once per sweep.
   */
  private static final String DELETE_ORPHAN_ITEMS =
      """
      DELETE FROM contact_job_items WHERE ctid = ANY(ARRAY(
        SELECT i.ctid FROM contact_job_items i
        WHERE i.recorded_at < ?
          AND NOT EXISTS (SELECT 1 FROM contact_jobs j
                          WHERE j.tenant = i.tenant AND j.job_id = i.job_id)
        LIMIT ?))
      """;

  private final DataSource dataSource;

  public JobRetention(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Deletes one batch of at most {@code batchSize} jobs; returns how many it deleted. */
  public int deleteJobsAcceptedBefore(Instant cutoff, int batchSize) throws SQLException {
    return deleteBatch(DELETE_JOBS, cutoff, batchSize);
  }

  /**
   * Deletes one batch of at most {@code batchSize} items recorded before {@code cutoff} whose job
   * is not in the table; returns how many it deleted.
   */
  public int deleteOrphanItemsRecordedBefore(Instant cutoff, int batchSize) throws SQLException {
    return deleteBatch(DELETE_ORPHAN_ITEMS, cutoff, batchSize);
  }

  private int deleteBatch(String sql, Instant cutoff, int batchSize) throws SQLException {
    AtomicInteger deleted = new AtomicInteger();
    Transaction.run(
        dataSource,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, batchSize);
            deleted.set(statement.executeUpdate());
          }
        });
    return deleted.get();
  }
}
