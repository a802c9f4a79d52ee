package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/** Which job a row belongs to: a job id is unique only within its tenant. */
record JobKey(String tenant, String jobId) implements Comparable<JobKey> {

  private static final Comparator<JobKey> ORDER =
      Comparator.comparing(JobKey::tenant).thenComparing(JobKey::jobId);

  static JobKey of(ContactJob job) {
    return new JobKey(job.getTenant(), job.getJobId());
  }

  /** The job an item's result belongs to: the job id is the result's request id. */
  static JobKey of(ContactResult itemResult) {
    return new JobKey(itemResult.getKey().getTenant(), itemResult.getRequestId());
  }

  /**
   * Binds {@code jobs} as two arrays, tenants and job ids, to parameters {@code first} and {@code
   * first + 1}: what {@code unnest(?::text[], ?::text[]) AS k(tenant, job_id)} reads.
   */
  static void bindAll(
      Connection connection, PreparedStatement statement, int first, Collection<JobKey> jobs)
      throws SQLException {
    statement.setArray(
        first, connection.createArrayOf("text", jobs.stream().map(JobKey::tenant).toArray()));
    statement.setArray(
        first + 1, connection.createArrayOf("text", jobs.stream().map(JobKey::jobId).toArray()));
  }

  @Override
  public int compareTo(JobKey other) {
    return ORDER.compare(this, other);
  }
}
