package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * The {@code contacts} table: one row per contact key, the last golden record applied. Writes are
 * idempotent, and a row only moves forward in (contact ID, version) order: a deleted key
 * established again gets a new, larger ID (IDs grow on the key's partition) starting at version 1,
 * so its first record must replace the old contact's row even when compaction removed the tombstone
 * between them, while a replayed older record must never move a row back.
 *
 * <p>A batch of golden records is streamed with {@code COPY} into a temporary staging table of the
 * session ({@link ContactCopy}) and merged into {@code contacts} with one statement. In the bulk
 * benchmark that took the sink from 0.52–0.57 of the resolver's results/s (a batched {@code INSERT
 * … ON CONFLICT}, one statement per row, whose answers the sink spent most of its time waiting for)
 * to 0.86–0.87.
 */
public final class ContactTable {

  /** Lives as long as the pooled connection; emptied at every commit. */
  private static final String STAGING = "contacts_incoming";

  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE IF NOT EXISTS "
          + STAGING
          + " (LIKE contacts INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

  /** The staged rows, one per key (a batch keeps each key's last record), merged forward only. */
  private static final String MERGE =
      "INSERT INTO %1$s AS contacts ("
          + ContactCopy.COLUMNS
          + ") SELECT "
          + ContactCopy.COLUMNS
          + " FROM "
          + STAGING
          + """

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
      "DELETE FROM %1$s WHERE tenant = ? AND contact_type = ? AND contact_key = ?";

  private final DataSource dataSource;
  private final String merge;
  private final String delete;

  public ContactTable(DataSource dataSource) {
    this(dataSource, "contacts");
  }

  /**
   * The same writes into another table of the {@code contacts} table's shape: what the throughput
   * benchmark measures the database's own upsert limit on.
   */
  public ContactTable(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.merge = MERGE.formatted(table);
    this.delete = DELETE.formatted(table);
  }

  /**
   * Applies changelog records in one transaction: for each key its last record, merged in for a
   * golden record and deleted for a tombstone.
   */
  public void apply(List<ChangelogEntry> changes) throws SQLException {
    ChangelogBatch batch = ChangelogBatch.of(changes);
    Transaction.run(
        dataSource,
        connection -> {
          if (!batch.upserts().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
              statement.execute(CREATE_STAGING);
              ContactCopy.copy(connection, STAGING, batch.upserts().iterator());
              statement.executeUpdate(merge);
            }
          }
          BatchStatement.execute(connection, delete, batch.deletes(), ContactTable::bindKey);
        });
  }

  private static void bindKey(PreparedStatement statement, ContactKey key) throws SQLException {
    statement.setString(1, key.getTenant());
    statement.setInt(2, key.getContactType());
    statement.setString(3, key.getContactKey());
  }
}
