package org.contactpipeline.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Serializes the writers of one job. A job completes when its row and all its items are in, and
 * they arrive through two consumers (and, during a rebalance, possibly two sink instances) in
 * separate transactions: without a lock, the transaction writing the job row and the one writing
 * the last item could each check before the other commits, and neither would see the job complete.
 * With it, the second writer waits for the first to commit, and its check, a later statement in
 * READ COMMITTED, sees the first one's rows.
 *
 * <p>Transaction-scoped advisory locks, released at commit or rollback. Their two-int form keeps
 * them apart from the one-bigint locks others take (Flyway's); two jobs whose ids hash alike only
 * wait for each other. Taken in a fixed order, so that two writers of the same jobs never deadlock
 * (PostgreSQL would break one with a retryable error if they did).
 */
final class JobLocks {

  /** The first key of every job lock: "JOBS" in ASCII. */
  private static final int JOB_LOCK_SPACE = 0x4a4f4253;

  private static final String LOCK =
      """
      SELECT count(pg_advisory_xact_lock(?, h))
      FROM (SELECT h FROM unnest(?::int[]) WITH ORDINALITY AS t(h, n) ORDER BY n) ordered
      """;

  private JobLocks() {}

  /** Locks the jobs until the transaction of {@code connection} ends. */
  static void lock(Connection connection, Collection<JobKey> jobs) throws SQLException {
    Integer[] hashes =
        jobs.stream().map(JobLocks::hash).distinct().sorted().toArray(Integer[]::new);
    if (hashes.length == 0) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      Array array = connection.createArrayOf("int4", hashes);
      statement.setInt(1, JOB_LOCK_SPACE);
      statement.setArray(2, array);
      statement.executeQuery().close();
    }
  }

  static int hash(JobKey job) {
    return 31 * job.tenant().hashCode() + job.jobId().hashCode();
  }
}
