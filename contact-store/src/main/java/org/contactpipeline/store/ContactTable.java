package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * The {@code contacts} table: one row per contact key, the last golden record applied. Writes are
 * idempotent, and a row only moves forward in (contact ID, version) order: a deleted key
 * established again gets a new, larger ID (IDs grow on the key's partition) starting at version 1,
 * so its first record must replace the old contact's row even when compaction removed the tombstone
 * between them, while a replayed older record must never move a row back.
 */
public final class ContactTable {

  private static final String UPSERT =
      """
      INSERT INTO contacts (tenant, contact_type, contact_key, contact_id, status, version, created_at, updated_at,
        email_lower, first_name, last_name, phone, phone_country_code, phone_number, user_id, device_id,
        external_id, record, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
      ON CONFLICT (tenant, contact_type, contact_key) DO UPDATE SET
        contact_id = EXCLUDED.contact_id,
        status = EXCLUDED.status,
        version = EXCLUDED.version,
        created_at = EXCLUDED.created_at,
        updated_at = EXCLUDED.updated_at,
        email_lower = EXCLUDED.email_lower,
        first_name = EXCLUDED.first_name,
        last_name = EXCLUDED.last_name,
        phone = EXCLUDED.phone,
        phone_country_code = EXCLUDED.phone_country_code,
        phone_number = EXCLUDED.phone_number,
        user_id = EXCLUDED.user_id,
        device_id = EXCLUDED.device_id,
        external_id = EXCLUDED.external_id,
        record = EXCLUDED.record,
        data = EXCLUDED.data
      WHERE (contacts.contact_id, contacts.version) < (EXCLUDED.contact_id, EXCLUDED.version)
      """;

  private static final String DELETE =
      "DELETE FROM contacts WHERE tenant = ? AND contact_type = ? AND contact_key = ?";

  private final DataSource dataSource;

  public ContactTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Applies changelog records in one transaction: for each key its last record, an upsert for a
   * golden record and a delete for a tombstone.
   */
  public void apply(List<ChangelogEntry> changes) throws SQLException {
    ChangelogBatch batch = ChangelogBatch.of(changes);
    List<ContactRow> rows = batch.upserts().stream().map(ContactRow::of).toList();
    Transaction.run(
        dataSource,
        connection -> {
          BatchStatement.execute(connection, UPSERT, rows, ContactTable::bindRow);
          BatchStatement.execute(connection, DELETE, batch.deletes(), ContactTable::bindKey);
        });
  }

  private static void bindRow(PreparedStatement statement, ContactRow row) throws SQLException {
    bindKey(statement, row.key());
    statement.setLong(4, row.contactId());
    statement.setString(5, row.status());
    statement.setLong(6, row.version());
    statement.setTimestamp(7, Timestamp.from(row.createdAt()));
    statement.setTimestamp(8, Timestamp.from(row.updatedAt()));
    statement.setString(9, row.emailLower());
    statement.setString(10, row.firstName());
    statement.setString(11, row.lastName());
    statement.setString(12, row.phone());
    statement.setString(13, row.phoneCountryCode());
    statement.setString(14, row.phoneNumber());
    statement.setString(15, row.userId());
    statement.setString(16, row.deviceId());
    statement.setString(17, row.externalId());
    statement.setBytes(18, row.record());
    statement.setString(19, row.dataJson());
  }

  private static void bindKey(PreparedStatement statement, ContactKey key) throws SQLException {
    statement.setString(1, key.getTenant());
    statement.setInt(2, key.getContactType());
    statement.setString(3, key.getContactKey());
  }
}
