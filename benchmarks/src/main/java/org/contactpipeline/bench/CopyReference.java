package org.contactpipeline.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.contactpipeline.store.ContactCopy;

/**
 * The database's own limit for the bulk paths' rows: the same contacts' golden records written with
 * PostgreSQL {@code COPY} ({@link ContactCopy}) into a fresh table of the {@code contacts} table's
 * shape (every column and index), in one transaction on one pooled connection.
 */
final class CopyReference {

  private final DataSource database;

  CopyReference(DataSource database) {
    this.database = database;
  }

  /** Rows per second that COPY wrote {@code file}'s contacts at, indexes included. */
  double rowsPerSecond(ContactFile file) throws SQLException {
    String table = "copy_reference_" + file.run().replace('-', '_');
    try (Connection connection = database.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE " + table + " (LIKE contacts INCLUDING ALL)");
      }
      try {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        long rows = ContactCopy.copy(connection, table, file.goldenRecords("copy-reference"));
        connection.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        Progress.line("COPY of %d rows in %.1f s", rows, seconds);
        return rows / seconds;
      } finally {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("DROP TABLE " + table);
        }
      }
    }
  }
}
