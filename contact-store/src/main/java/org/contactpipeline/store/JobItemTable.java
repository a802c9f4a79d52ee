package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The {@code contact_job_items} table: the result of every item of an asynchronous job, from {@code
 * contact.results}. A result is the resolver's final word on its item, so the first row written for
 * an item stands and a replayed result changes nothing. An item may arrive before its job's row;
 * the job completes in whichever transaction brings its last piece.
 */
public final class JobItemTable {

  private static final String INSERT =
      """
      INSERT INTO contact_job_items (tenant, job_id, item_index, item_count, result, recorded_at)
      VALUES (?, ?, ?, ?, ?, now())
      ON CONFLICT (tenant, job_id, item_index) DO NOTHING
      """;

  private final DataSource dataSource;

  public JobItemTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether a result is an item of an asynchronous job at all. */
  public static boolean isJobItem(ContactResult result) {
    return result.getJob();
  }

  /**
   * Records the results of job items in one transaction, and completes the jobs they finish.
   *
   * @return how many jobs this write completed
   */
  public int record(List<ContactResult> itemResults) throws SQLException {
    if (itemResults.isEmpty()) {
      return 0;
    }
    TreeSet<JobKey> jobs = new TreeSet<>(itemResults.stream().map(JobKey::of).toList());
    AtomicInteger completed = new AtomicInteger();
    Transaction.run(
        dataSource,
        connection -> {
          JobLocks.lock(connection, jobs);
          BatchStatement.execute(connection, INSERT, itemResults, JobItemTable::bind);
          completed.set(JobCompletion.complete(connection, jobs));
        });
    return completed.get();
  }

  private static void bind(PreparedStatement statement, ContactResult itemResult)
      throws SQLException {
    statement.setString(1, itemResult.getKey().getTenant());
    statement.setString(2, itemResult.getRequestId());
    statement.setInt(3, itemResult.getItemIndex());
    statement.setInt(4, itemResult.getItemCount());
    statement.setBytes(5, StoredJobs.encode(itemResult));
  }
}
