package org.contactpipeline.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.Settings;

/** Reads the materialized {@code contacts} table the way an operator would, with plain SQL. */
final class ContactsTable {

  /** One row: the columns tests compare with golden records. */
  record Row(long contactId, String status, long version) {}

  private final Settings settings;

  ContactsTable(Settings settings) {
    this.settings = settings;
  }

  /** Contact key → row, for one tenant and contact type. */
  Map<String, Row> rowsOf(String tenant, int contactType) {
    Map<String, Row> rows = new HashMap<>();
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT contact_key, contact_id, status, version FROM contacts WHERE tenant = ? AND contact_type = ?")) {
      query.setString(1, tenant);
      query.setInt(2, contactType);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.put(
              result.getString(1),
              new Row(result.getLong(2), result.getString(3), result.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** Every row of every tenant, keyed by (tenant, contact type, contact key). */
  Map<List<Object>, Row> allRows() {
    Map<List<Object>, Row> rows = new HashMap<>();
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT tenant, contact_type, contact_key, contact_id, status, version FROM contacts");
        ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.put(
            List.of(result.getString(1), result.getInt(2), result.getString(3)),
            new Row(result.getLong(4), result.getString(5), result.getLong(6)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        settings.string("database.url"),
        settings.string("database.user"),
        settings.string("database.password", ""));
  }
}
