package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Complete jobs whose outcome is not yet announced (on {@code contact.job-results}): claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so that several sink instances share them without waiting for
 * each other, and marked announced in the same transaction once the announcement is durable. A
 * crash between the two announces the same jobs again, identically, since they are read from the
 * same rows: at least once.
 */
public final class JobAnnouncements {

  /** Publishes the outcome of finished jobs; returns only when they are durably published. */
  public interface Announcer {
    void announce(List<FinishedJob> jobs) throws Exception;
  }

  private static final String CLAIM =
      """
      SELECT tenant, job_id, job, completed_at FROM contact_jobs
      WHERE completed_at IS NOT NULL AND announced_at IS NULL
      ORDER BY completed_at
      LIMIT ?
      FOR UPDATE SKIP LOCKED
      """;

  private static final String MARK =
      "UPDATE contact_jobs SET announced_at = now() WHERE tenant = ? AND job_id = ?";

  private final DataSource dataSource;

  public JobAnnouncements(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims up to {@code limit} unannounced complete jobs, has {@code announcer} publish them and
   * marks them announced. When the announcer throws, nothing is marked, and the jobs wait for the
   * next call (here or on another instance).
   *
   * @return how many jobs were announced
   * @throws AnnouncementFailedException when the announcer failed
   */
  public int announceNext(int limit, Announcer announcer) throws SQLException {
    AtomicInteger announced = new AtomicInteger();
    Transaction.run(
        dataSource,
        connection -> {
          List<FinishedJob> jobs = claim(connection, limit);
          if (jobs.isEmpty()) {
            return;
          }
          try {
            announcer.announce(jobs);
          } catch (SQLException | RuntimeException e) {
            throw e;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnouncementFailedException(e);
          } catch (Exception e) {
            throw new AnnouncementFailedException(e);
          }
          BatchStatement.execute(
              connection,
              MARK,
              jobs,
              (statement, job) -> {
                statement.setString(1, job.job().getTenant());
                statement.setString(2, job.job().getJobId());
              });
          announced.set(jobs.size());
        });
    return announced.get();
  }

  private static List<FinishedJob> claim(Connection connection, int limit) throws SQLException {
    List<FinishedJob> jobs = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
      statement.setInt(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          jobs.add(
              new FinishedJob(
                  StoredJobs.decodeJob(rows.getBytes("job")),
                  rows.getTimestamp("completed_at").toInstant(),
                  List.of()));
        }
      }
    }
    List<FinishedJob> withItems = new ArrayList<>();
    for (FinishedJob job : jobs) {
      withItems.add(
          new FinishedJob(
              job.job(),
              job.completedAt(),
              StoredJobs.items(connection, job.job().getTenant(), job.job().getJobId())));
    }
    return withItems;
  }

  /** The announcer could not publish; the jobs stay unannounced. */
  public static final class AnnouncementFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AnnouncementFailedException(Throwable cause) {
      super("announcing jobs failed: " + cause, cause);
    }
  }
}
