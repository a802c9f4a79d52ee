package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code contact_job_callbacks} table: the callback of every finished job that has a callback
 * URL, PENDING until a delivery succeeds (DELIVERED) or stops for good (FAILED).
 *
 * <p>A delivery is claimed before it is tried: in one short transaction the due rows are locked
 * with {@code FOR UPDATE SKIP LOCKED} (several sink instances share them without waiting for each
 * other), their attempt counted and their next attempt moved a lease ahead. The attempt itself runs
 * outside any transaction; if the instance dies during it, the lease expires and another instance
 * tries again. Its outcome is recorded only if the row is still at that attempt: a redelivery
 * request that reset the row meanwhile wins.
 */
public final class JobCallbackTable {

  private static final String CLAIM =
      """
      WITH due AS (
        SELECT tenant, job_id FROM contact_job_callbacks
        WHERE state = 'PENDING' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ?
        FOR UPDATE SKIP LOCKED
      )
      UPDATE contact_job_callbacks c
      SET attempts = c.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
      FROM due WHERE c.tenant = due.tenant AND c.job_id = due.job_id
      RETURNING c.tenant, c.job_id, c.url, c.attempts
      """;

  private static final String JOB =
      "SELECT job, completed_at FROM contact_jobs WHERE tenant = ? AND job_id = ?";

  private static final String DELIVERED =
      """
      UPDATE contact_job_callbacks SET state = 'DELIVERED', delivered_at = now(), last_error = NULL
      WHERE tenant = ? AND job_id = ? AND state = 'PENDING' AND attempts = ?
      """;

  private static final String RETRY =
      """
      UPDATE contact_job_callbacks SET next_attempt_at = ?, last_error = ?
      WHERE tenant = ? AND job_id = ? AND state = 'PENDING' AND attempts = ?
      """;

  private static final String FAILED =
      """
      UPDATE contact_job_callbacks SET state = 'FAILED', last_error = ?
      WHERE tenant = ? AND job_id = ? AND state = 'PENDING' AND attempts = ?
      """;

  /** Longer errors are cut: the column is for a person reading why, not a log. */
  static final int MAX_ERROR_LENGTH = 1000;

  private final DataSource dataSource;

  public JobCallbackTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims up to {@code limit} due callbacks for an attempt each, with their jobs.
   *
   * @param lease how long the claim keeps other instances off: longer than an attempt can take
   */
  public List<DueCallback> claimDue(int limit, Duration lease) throws SQLException {
    record Claimed(String tenant, String jobId, String url, int attempt) {}
    List<Claimed> claimed = new ArrayList<>();
    Transaction.run(
        dataSource,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setInt(1, limit);
            statement.setLong(2, lease.toMillis());
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                claimed.add(
                    new Claimed(
                        rows.getString("tenant"),
                        rows.getString("job_id"),
                        rows.getString("url"),
                        rows.getInt("attempts")));
              }
            }
          }
        });
    List<DueCallback> due = new ArrayList<>();
    if (claimed.isEmpty()) {
      return due;
    }
    try (Connection connection = dataSource.getConnection()) {
      for (Claimed callback : claimed) {
        FinishedJob job = finishedJob(connection, callback.tenant(), callback.jobId());
        if (job != null) {
          due.add(new DueCallback(callback.url(), callback.attempt(), job));
        }
      }
    }
    return due;
  }

  private static FinishedJob finishedJob(Connection connection, String tenant, String jobId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(JOB)) {
      statement.setString(1, tenant);
      statement.setString(2, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          // Swept by retention between the claim and this read: nothing left to deliver.
          return null;
        }
        return new FinishedJob(
            StoredJobs.decodeJob(rows.getBytes("job")),
            rows.getTimestamp("completed_at").toInstant(),
            StoredJobs.items(connection, tenant, jobId));
      }
    }
  }

  /** The receiver took the callback (a 2xx answer). */
  public void delivered(DueCallback callback) throws SQLException {
    update(
        DELIVERED,
        statement -> {
          statement.setString(1, callback.tenant());
          statement.setString(2, callback.jobId());
          statement.setInt(3, callback.attempt());
        });
  }

  /** The attempt failed in a way that may heal: try again at {@code nextAttemptAt}. */
  public void retryAt(DueCallback callback, Instant nextAttemptAt, String error)
      throws SQLException {
    update(
        RETRY,
        statement -> {
          statement.setTimestamp(1, Timestamp.from(nextAttemptAt));
          statement.setString(2, truncated(error));
          statement.setString(3, callback.tenant());
          statement.setString(4, callback.jobId());
          statement.setInt(5, callback.attempt());
        });
  }

  /** The callback will never be delivered: refused, answered with a final error, or given up. */
  public void failed(DueCallback callback, String error) throws SQLException {
    update(
        FAILED,
        statement -> {
          statement.setString(1, truncated(error));
          statement.setString(2, callback.tenant());
          statement.setString(3, callback.jobId());
          statement.setInt(4, callback.attempt());
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private void update(String sql, Binder binder) throws SQLException {
    Transaction.run(
        dataSource,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
          }
        });
  }

  private static String truncated(String error) {
    return error == null || error.length() <= MAX_ERROR_LENGTH
        ? error
        : error.substring(0, MAX_ERROR_LENGTH);
  }
}
