package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.common.errors.SerializationException;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * {@link JobStore} on the tables sink-service records jobs in (V6: {@code contact_jobs}, {@code
 * contact_job_items}), through ingest's read pool. Jobs and results come back as the records the
 * sink stored, decoded with their topics' own serdes, so a job's response is rendered from exactly
 * what the resolver decided.
 */
public final class JdbcJobStore implements JobStore {

  private static final String JOB =
      """
      SELECT j.job, j.completed_at,
             (SELECT count(*) FROM contact_job_items i
               WHERE i.tenant = j.tenant AND i.job_id = j.job_id) AS recorded
        FROM contact_jobs j
       WHERE j.tenant = ? AND j.job_id = ?
      """;
  private static final String ITEMS =
      "SELECT result FROM contact_job_items WHERE tenant = ? AND job_id = ? ORDER BY item_index";

  private final DataSource dataSource;

  public JdbcJobStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<StoredJob> job(String tenant, String jobId) {
    if (hasNul(jobId)) {
      return Optional.empty();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, JOB, tenant, jobId);
        ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        return Optional.empty();
      }
      Timestamp completedAt = rows.getTimestamp(2);
      return Optional.of(
          new StoredJob(
              decodeJob(rows.getBytes(1)),
              rows.getInt(3),
              completedAt == null ? null : completedAt.toInstant()));
    } catch (SQLException e) {
      throw new ContactStoreException("cannot read job " + jobId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<ContactResult> itemResults(String tenant, String jobId) {
    if (hasNul(jobId)) {
      return List.of();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, ITEMS, tenant, jobId);
        ResultSet rows = statement.executeQuery()) {
      List<ContactResult> results = new ArrayList<>();
      while (rows.next()) {
        results.add(decodeResult(rows.getBytes(1)));
      }
      return results;
    } catch (SQLException e) {
      throw new ContactStoreException(
          "cannot read the results of job " + jobId + ": " + e.getMessage(), e);
    }
  }

  /** PostgreSQL text holds no NUL, so such an id names no job (asking would fail instead). */
  private static boolean hasNul(String text) {
    return text.indexOf('\u0000') >= 0;
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, String tenant, String jobId) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setString(1, tenant);
    statement.setString(2, jobId);
    return statement;
  }

  private static ContactJob decodeJob(byte[] job) {
    try {
      return Topics.JOBS.valueSerde().deserializer().deserialize(Topics.JOBS.name(), job);
    } catch (SerializationException e) {
      throw new ContactStoreException("a stored job does not decode: " + e.getMessage(), e);
    }
  }

  private static ContactResult decodeResult(byte[] result) {
    try {
      return Topics.RESULTS.valueSerde().deserializer().deserialize(Topics.RESULTS.name(), result);
    } catch (SerializationException e) {
      throw new ContactStoreException(
          "a stored job item result does not decode: " + e.getMessage(), e);
    }
  }
}
