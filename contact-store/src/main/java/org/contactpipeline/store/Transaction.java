package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a piece of database work in one transaction on its own connection: all of it or none. */
final class Transaction {

  /** Work on the transaction's connection. */
  interface Work {
    void run(Connection connection) throws SQLException;
  }

  private Transaction() {}

  static void run(DataSource dataSource, Work work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
