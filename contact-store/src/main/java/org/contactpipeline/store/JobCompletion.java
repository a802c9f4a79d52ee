package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Marks the jobs that just became complete: the job's row is in and so are all its item_count
 * items, as its {@code items_recorded} says. Each completed job with a callback URL gets its
 * callback row, due now. Run in the transaction that wrote the job or its items, after {@link
 * JobLocks}, on both paths, since either the job or its last item may be the last to arrive; a job
 * already complete is left as it is, so it completes exactly once.
 */
final class JobCompletion {

  private static final String COMPLETE =
      """
      WITH completed AS (
        UPDATE contact_jobs j SET completed_at = now()
        FROM unnest(?::text[], ?::text[]) AS k(tenant, job_id)
        WHERE j.tenant = k.tenant AND j.job_id = k.job_id AND j.completed_at IS NULL
          AND j.items_recorded >= j.item_count
        RETURNING j.tenant, j.job_id, j.callback_url
      ), callbacks AS (
        INSERT INTO contact_job_callbacks (tenant, job_id, url, state, attempts, next_attempt_at)
        SELECT tenant, job_id, callback_url, 'PENDING', 0, now()
        FROM completed WHERE callback_url IS NOT NULL
        ON CONFLICT (tenant, job_id) DO NOTHING
      )
      SELECT count(*) FROM completed
      """;

  private JobCompletion() {}

  /** Completes those of {@code jobs} that are complete now; returns how many it completed. */
  static int complete(Connection connection, Collection<JobKey> jobs) throws SQLException {
    if (jobs.isEmpty()) {
      return 0;
    }
    try (PreparedStatement statement = connection.prepareStatement(COMPLETE)) {
      JobKey.bindAll(connection, statement, 1, jobs);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
