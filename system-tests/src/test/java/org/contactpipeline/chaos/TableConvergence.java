package org.contactpipeline.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.stack.LocalPostgres;
import org.contactpipeline.testing.Poll;

/**
 * This run's rows of the {@code contacts} table, held against the changelog's last golden records:
 * the sink must leave PostgreSQL equal to them, row for row, ID and version.
 */
final class TableConvergence {

  /** The sink may still be writing the last batches when the checks begin. */
  private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

  /** One row, reduced to what the check compares. */
  record Row(long contactId, long version) {}

  private TableConvergence() {}

  /**
   * Rows differing from the golden records once they agree or the deadline passed; a database that
   * cannot be read differs in every row ({@link Integer#MAX_VALUE}).
   */
  static int awaitRowsDiffering(
      LocalPostgres postgres, String run, Map<ContactKey, ContactRecord> golden) {
    Poll.holdsWithin(SETTLE_DEADLINE, () -> rowsDiffering(postgres, run, golden) == 0);
    return rowsDiffering(postgres, run, golden);
  }

  private static int rowsDiffering(
      LocalPostgres postgres, String run, Map<ContactKey, ContactRecord> golden) {
    try {
      return differing(read(postgres, run), golden);
    } catch (SQLException e) {
      return Integer.MAX_VALUE;
    }
  }

  /**
   * Golden records without their row or with another ID or version, plus rows without a golden
   * record.
   */
  static int differing(Map<String, Row> rows, Map<ContactKey, ContactRecord> golden) {
    Map<String, Row> unmatched = new HashMap<>(rows);
    int differing = 0;
    for (Map.Entry<ContactKey, ContactRecord> record : golden.entrySet()) {
      Row row = unmatched.remove(record.getKey().getContactKey());
      if (row == null
          || row.contactId() != record.getValue().getContactId()
          || row.version() != record.getValue().getVersion()) {
        differing++;
      }
    }
    return differing + unmatched.size();
  }

  private static Map<String, Row> read(LocalPostgres postgres, String run) throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select contact_key, contact_id, version from contacts where tenant = '"
                    + Deployment.TENANT
                    + "' and contact_type = 0 and contact_key like '"
                    + KeyPool.prefix(run)
                    + "%'")) {
      while (rs.next()) {
        rows.put(rs.getString(1), new Row(rs.getLong(2), rs.getLong(3)));
      }
    }
    return rows;
  }
}
