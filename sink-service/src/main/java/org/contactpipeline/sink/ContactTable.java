package org.contactpipeline.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The {@code contacts} table: one row per contact key, the last golden record applied. Writes
 * are idempotent and guarded by version, so replaying the changelog never moves a row back.
 */
final class ContactTable {

  private static final String UPSERT = """
      INSERT INTO contacts (tenant, contact_type, contact_key, contact_id, status, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (tenant, contact_type, contact_key) DO UPDATE SET
        contact_id = EXCLUDED.contact_id,
        status = EXCLUDED.status,
        version = EXCLUDED.version,
        created_at = EXCLUDED.created_at,
        updated_at = EXCLUDED.updated_at
      WHERE contacts.version < EXCLUDED.version
      """;

  private static final String DELETE = "DELETE FROM contacts WHERE tenant = ? AND contact_type = ? AND contact_key = ?";

  private final DataSource dataSource;

  ContactTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Applies one batch in one transaction: upserts for records, deletes for tombstoned keys. */
  void apply(ChangelogBatch batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        upsert(connection, batch.upserts());
        delete(connection, batch.deletes());
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void upsert(Connection connection, Collection<ContactRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      for (ContactRecord record : records) {
        ContactKey key = record.getKey();
        statement.setString(1, key.getTenant());
        statement.setInt(2, key.getContactType());
        statement.setString(3, key.getContactKey());
        statement.setLong(4, record.getContactId());
        statement.setString(5, record.getStatus().name());
        statement.setLong(6, record.getVersion());
        statement.setTimestamp(7, Timestamp.from(record.getCreatedAt()));
        statement.setTimestamp(8, Timestamp.from(record.getUpdatedAt()));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void delete(Connection connection, Collection<ContactKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
      for (ContactKey key : keys) {
        statement.setString(1, key.getTenant());
        statement.setInt(2, key.getContactType());
        statement.setString(3, key.getContactKey());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
