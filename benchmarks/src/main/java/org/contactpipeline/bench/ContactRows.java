package org.contactpipeline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.contactpipeline.testing.MaterializerProgress;

/**
 * The contacts table as the throughput benchmark watches it: when a load's contacts have all been
 * stored, and how many contacts there are.
 */
final class ContactRows {

  private static final Duration DEADLINE = Duration.ofMinutes(5);

  /** How often the materializer's committed offsets are asked for: a broker call, no SQL. */
  private static final Duration PROGRESS_POLL = Duration.ofMillis(10);

  /** How often the rows are counted while the materializer may stand before a commit marker. */
  private static final Duration COUNT_POLL = Duration.ofMillis(100);

  private final DataSource database;

  ContactRows(DataSource database) {
    this.database = database;
  }

  /**
   * Seconds until PostgreSQL holds {@code expected} contacts whose keys start with {@code run}
   * (establish keys are {@code run-request-item}), at most 5 minutes.
   */
  double secondsUntilStored(String run, long expected) throws Exception {
    long loadEnd = System.nanoTime();
    long deadline = loadEnd + DEADLINE.toNanos();
    try (Connection connection = database.getConnection();
        PreparedStatement rows =
            connection.prepareStatement(
                "SELECT count(*) FROM contacts WHERE tenant = 'demo' AND contact_key LIKE ?")) {
      rows.setString(1, run + "-%");
      while (System.nanoTime() < deadline) {
        try (ResultSet result = rows.executeQuery()) {
          result.next();
          if (result.getLong(1) >= expected) {
            break;
          }
        }
        Thread.sleep(20); // polling interval; the loop ends on the row count or the deadline
      }
    }
    return (System.nanoTime() - loadEnd) / 1e9;
  }

  /**
   * Seconds from {@code startNanos} until PostgreSQL holds {@code expected} contacts of {@code
   * tenant}, asked once every result of the load is in; fails when {@code deadline} passes first.
   *
   * <p>It asks the broker every {@link #PROGRESS_POLL} how far the materializer has committed
   * against what the changelog holds now (every golden record of the load is there once its results
   * are), and counts the rows only once the materializer is at most one offset short in any
   * partition: that offset may be a transaction's commit marker, which the materializer does not
   * commit past until it reads more records, so the count, at most every {@link #COUNT_POLL},
   * decides. Counting the rows all along took PostgreSQL 20 to 150 ms a count from the sink it
   * measures.
   */
  double secondsUntilTenantStored(
      String tenant,
      long expected,
      long startNanos,
      Duration deadline,
      MaterializerProgress materializer)
      throws Exception {
    long until = startNanos + deadline.toNanos();
    LongSupplier lag = materializer.lagFromNow();
    long lastCount = 0;
    long stored = -1;
    while (true) {
      long now = System.nanoTime();
      long behind = lag.getAsLong();
      if (behind == 0 || (behind == 1 && now - lastCount >= COUNT_POLL.toNanos())) {
        lastCount = now;
        stored = countOfTenant(tenant);
        if (stored >= expected) {
          return (now - startNanos) / 1e9;
        }
        if (behind == 0) {
          Progress.line(
              "%s: %d of %d rows when the materializer had caught up; counting until all are in",
              tenant, stored, expected);
          return secondsUntilCounted(tenant, expected, startNanos, until, deadline);
        }
      }
      if (now > until) {
        throw new IllegalStateException(
            "the materializer is still "
                + behind
                + " offsets behind the changelog after "
                + deadline
                + (stored < 0 ? "" : "; " + stored + " of " + expected + " rows of " + tenant));
      }
      Thread.sleep(PROGRESS_POLL.toMillis()); // polling interval; ends on the rows or the deadline
    }
  }

  private double secondsUntilCounted(
      String tenant, long expected, long startNanos, long until, Duration deadline)
      throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement rows =
            connection.prepareStatement("SELECT count(*) FROM contacts WHERE tenant = ?")) {
      rows.setString(1, tenant);
      while (true) {
        try (ResultSet result = rows.executeQuery()) {
          result.next();
          long stored = result.getLong(1);
          if (stored >= expected) {
            return (System.nanoTime() - startNanos) / 1e9;
          }
          if (System.nanoTime() > until) {
            throw new IllegalStateException(
                "only "
                    + stored
                    + " of "
                    + expected
                    + " rows of "
                    + tenant
                    + " within "
                    + deadline);
          }
        }
        // A polling interval, not synchronization: the loop ends on the row count. Each count
        // scans the tenant's rows, so polling faster would take CPU from the sink it measures.
        Thread.sleep(100);
      }
    }
  }

  /** The contacts stored of one tenant. */
  long countOfTenant(String tenant) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM contacts WHERE tenant = ?")) {
      count.setString(1, tenant);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Every contact stored, of every tenant. */
  long count() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM contacts");
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
