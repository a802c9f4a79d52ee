package org.contactpipeline.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ChangelogEntry;
import org.contactpipeline.store.ContactCopy;
import org.contactpipeline.store.ContactTable;

/**
 * The database's own limits on the bulk load's rows, measured alone on the stack's PostgreSQL and
 * pool, each into a fresh table of the {@code contacts} table's shape (every column and index):
 * {@code COPY} of all rows in one transaction ({@link ContactCopy}), and the sink's own batched
 * upsert ({@link ContactTable}: each batch copied into a staging table and merged with one
 * statement, a transaction per batch), the best batched upsert this project has.
 */
final class DatabaseLimits {

  /** Rows per second of each way. */
  record Result(double copyRowsPerSecond, double upsertRowsPerSecond) {}

  private final DataSource database;

  DatabaseLimits(DataSource database) {
    this.database = database;
  }

  /**
   * Both limits on the same rows.
   *
   * @param records supplies the same rows afresh for each way
   * @param batch rows per upsert transaction, as the sink's {@code MATERIALIZER_BATCH_SIZE}
   */
  Result measure(String run, Supplier<Iterator<ContactRecord>> records, int batch)
      throws SQLException {
    double copy = copyRowsPerSecond(run, records.get());
    double upsert = timed(run + "_upsert", table -> upsertAll(table, records.get(), batch));
    Progress.line(
        "database limits: COPY %.0f rows/s, batched upsert (%d a batch) %.0f rows/s",
        copy, batch, upsert);
    return new Result(copy, upsert);
  }

  /** Rows per second of {@code COPY} of {@code records} in one transaction, indexes included. */
  double copyRowsPerSecond(String run, Iterator<ContactRecord> records) throws SQLException {
    return timed(run + "_copy", table -> copyAll(table, records));
  }

  private interface TableWrite {
    long write(String table) throws SQLException;
  }

  private double timed(String run, TableWrite write) throws SQLException {
    String table = "db_limit_" + run.replaceAll("[^A-Za-z0-9_]", "_");
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (LIKE contacts INCLUDING ALL)");
    }
    try {
      long start = System.nanoTime();
      long rows = write.write(table);
      return rows / ((System.nanoTime() - start) / 1e9);
    } finally {
      try (Connection connection = database.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE " + table);
      }
    }
  }

  private long copyAll(String table, Iterator<ContactRecord> records) throws SQLException {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long rows = ContactCopy.copy(connection, table, records);
        connection.commit();
        return rows;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private long upsertAll(String table, Iterator<ContactRecord> records, int batch)
      throws SQLException {
    ContactTable target = new ContactTable(database, table);
    long rows = 0;
    List<ChangelogEntry> entries = new ArrayList<>(batch);
    while (records.hasNext()) {
      entries.add(ChangelogEntry.of(records.next()));
      if (entries.size() == batch || !records.hasNext()) {
        target.apply(entries);
        rows += entries.size();
        entries.clear();
      }
    }
    return rows;
  }
}
