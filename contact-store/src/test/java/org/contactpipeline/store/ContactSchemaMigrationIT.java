package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Upgrading a database the first sink-service wrote: its rows get their golden records. */
@Timeout(180)
class ContactSchemaMigrationIT {

  @Test
  void shouldGiveRowsWrittenBeforeTheRecordColumnTheirExactGoldenRecord() throws SQLException {
    DataSource database = TestDatabases.fresh();
    ContactSchema.flyway(database).target("1").load().migrate();
    Instant created = Instant.parse("2024-01-02T03:04:05.678Z");
    Instant updated = Instant.parse("2024-02-03T04:05:06.789Z");
    insertVersion1Row(database, "old-tenant", "old-key", 1234L, 2L, created, updated);

    ContactSchema.migrate(database);

    ContactKey key = new ContactKey("old-tenant", 0, "old-key");
    assertThat(new JdbcContactStore(database).byKey(key))
        .contains(new ContactRecord(key, 1234L, ContactStatus.ACTIVE, 2L, created, updated, null));
    assertThatThrownBy(
            () ->
                execute(
                    database,
                    "INSERT INTO contacts (tenant, contact_type, contact_key, contact_id,"
                        + " status, version, created_at, updated_at) VALUES ('t', 0, 'k', 1, 'ACTIVE', 1, now(), now())"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("record");
  }

  private static void insertVersion1Row(
      DataSource database,
      String tenant,
      String key,
      long contactId,
      long version,
      Instant created,
      Instant updated)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO contacts (tenant, contact_type,"
                    + " contact_key, contact_id, status, version, created_at, updated_at)"
                    + " VALUES (?, 0, ?, ?, 'ACTIVE', ?, ?, ?)")) {
      insert.setString(1, tenant);
      insert.setString(2, key);
      insert.setLong(3, contactId);
      insert.setLong(4, version);
      insert.setTimestamp(5, Timestamp.from(created));
      insert.setTimestamp(6, Timestamp.from(updated));
      insert.executeUpdate();
    }
  }

  private static void execute(DataSource database, String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
