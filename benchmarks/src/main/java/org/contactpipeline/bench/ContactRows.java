package org.contactpipeline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.function.BooleanSupplier;
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
   * <p>It waits until the materializer has committed past everything the changelog holds now (every
   * golden record of the load is there once its results are), asking the broker every {@link
   * #PROGRESS_POLL}, and then counts the rows once. Counting them all along took PostgreSQL 20 to
   * 150 ms a count while the sink it measures was writing; it counts again only when that count
   * falls short.
   */
  double secondsUntilTenantStored(
      String tenant,
      long expected,
      long startNanos,
      Duration deadline,
      MaterializerProgress materializer)
      throws Exception {
    long until = startNanos + deadline.toNanos();
    BooleanSupplier caughtUp = materializer.caughtUpFromNow();
    while (!caughtUp.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(PROGRESS_POLL.toMillis()); // polling interval; ends on progress or the deadline
    }
    double caughtUpSeconds = (System.nanoTime() - startNanos) / 1e9;
    long stored = countOfTenant(tenant);
    if (stored >= expected) {
      return caughtUpSeconds;
    }
    Progress.line(
        "%s: %d of %d rows when the materializer had caught up; counting until all are in",
        tenant, stored, expected);
    return secondsUntilCounted(tenant, expected, startNanos, until, deadline);
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
