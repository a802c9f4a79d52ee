package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Runs one SQL statement for every item of a collection as a single JDBC batch, which the driver
 * sends as one multi-row statement (see {@code reWriteBatchedInserts} in DatabaseConfig).
 */
final class BatchStatement {

  /** Sets a statement's parameters from one item. */
  interface Binder<T> {
    void bind(PreparedStatement statement, T item) throws SQLException;
  }

  private BatchStatement() {}

  static <T> void execute(Connection connection, String sql, Collection<T> items, Binder<T> binder)
      throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(statement, item);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
