package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 3: gives rows written before migration 2 their {@code record}. Those rows came from
 * golden records without contact data, and every other field of such a record is a column of the
 * row, so the record rebuilt here is exactly the one the changelog holds; it is encoded the way the
 * materializer encodes records ({@link ContactRow}). The data columns stay null, as the record has
 * no data.
 */
final class BackfillContactRecords implements JavaMigration {

  private static final String ROWS_WITHOUT_RECORD =
      """
      SELECT tenant, contact_type, contact_key, contact_id, status, version, created_at, updated_at
      FROM contacts WHERE record IS NULL
      """;
  private static final String SET_RECORD =
      "UPDATE contacts SET record = ? WHERE tenant = ? AND contact_type = ? AND contact_key = ?";
  private static final int BATCH = 1000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("3");
  }

  @Override
  public String getDescription() {
    return "backfill contact records";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (PreparedStatement rows = connection.prepareStatement(ROWS_WITHOUT_RECORD);
        PreparedStatement update = connection.prepareStatement(SET_RECORD)) {
      // Flyway runs this in a transaction, so the fetch size streams the rows through a cursor
      // instead of loading the whole table.
      rows.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet row = rows.executeQuery()) {
        while (row.next()) {
          ContactKey key = new ContactKey(row.getString(1), row.getInt(2), row.getString(3));
          ContactRecord record =
              new ContactRecord(
                  key,
                  row.getLong(4),
                  ContactStatus.valueOf(row.getString(5)),
                  row.getLong(6),
                  row.getTimestamp(7).toInstant(),
                  row.getTimestamp(8).toInstant(),
                  null);
          update.setBytes(1, ContactRow.encode(record));
          update.setString(2, key.getTenant());
          update.setInt(3, key.getContactType());
          update.setString(4, key.getContactKey());
          update.addBatch();
          if (++pending == BATCH) {
            update.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }
}
