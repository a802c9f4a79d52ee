package org.contactpipeline.store;

import java.sql.Connection;
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

  /**
   * The batch's items as arrays in one statement, and each job's {@code items_recorded} raised by
   * the rows it really inserted (not by replayed items, nor by items of a job whose row is not in
   * yet: {@link JobTable} counts those when it writes the job).
   */
  private static final String INSERT_AND_COUNT =
      """
      WITH inserted AS (
        INSERT INTO contact_job_items (tenant, job_id, item_index, item_count, result, recorded_at)
        SELECT tenant, job_id, item_index, item_count, result, now()
        FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::bytea[])
          AS i(tenant, job_id, item_index, item_count, result)
        ON CONFLICT (tenant, job_id, item_index) DO NOTHING
        RETURNING tenant, job_id
      ), counts AS (
        SELECT tenant, job_id, count(*) AS items FROM inserted GROUP BY tenant, job_id
      )
      UPDATE contact_jobs j SET items_recorded = j.items_recorded + c.items
      FROM counts c
      WHERE j.tenant = c.tenant AND j.job_id = c.job_id
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
          insertAndCount(connection, itemResults);
          completed.set(JobCompletion.complete(connection, jobs));
        });
    return completed.get();
  }

  private static void insertAndCount(Connection connection, List<ContactResult> itemResults)
      throws SQLException {
    int size = itemResults.size();
    String[] tenants = new String[size];
    String[] jobIds = new String[size];
    Integer[] indexes = new Integer[size];
    Integer[] counts = new Integer[size];
    byte[][] results = new byte[size][];
    for (int i = 0; i < size; i++) {
      ContactResult itemResult = itemResults.get(i);
      tenants[i] = itemResult.getKey().getTenant();
      jobIds[i] = itemResult.getRequestId();
      indexes[i] = itemResult.getItemIndex();
      counts[i] = itemResult.getItemCount();
      results[i] = StoredJobs.encode(itemResult);
    }
    try (PreparedStatement statement = connection.prepareStatement(INSERT_AND_COUNT)) {
      statement.setArray(1, connection.createArrayOf("text", tenants));
      statement.setArray(2, connection.createArrayOf("text", jobIds));
      statement.setArray(3, connection.createArrayOf("int4", indexes));
      statement.setArray(4, connection.createArrayOf("int4", counts));
      statement.setArray(5, connection.createArrayOf("bytea", results));
      statement.executeUpdate();
    }
  }
}
