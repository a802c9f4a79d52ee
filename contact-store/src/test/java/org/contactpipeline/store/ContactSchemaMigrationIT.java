package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpipeline.testing.JobRecords.itemResults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upgrading a database an earlier sink-service wrote: its rows get their golden records, and its
 * running jobs their item counts.
 */
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

  @Test
  void shouldCountTheItemsOfARunningJobWhenItsCountArrives() throws SQLException {
    DataSource database = TestDatabases.fresh();
    ContactSchema.flyway(database).target("6").load().migrate();
    String jobId = "job-before-item-counts";
    List<ContactResult> results = itemResults("old-tenant", jobId, 3);
    execute(
        database,
        "INSERT INTO contact_jobs (tenant, job_id, kind, item_count, job, accepted_at)"
            + " VALUES ('old-tenant', '"
            + jobId
            + "', 'CENDYN_CREATE_BULK', 3, '\\x00', now())");
    for (int item = 0; item < 2; item++) {
      execute(
          database,
          "INSERT INTO contact_job_items (tenant, job_id, item_index, item_count, result,"
              + " recorded_at) VALUES ('old-tenant', '"
              + jobId
              + "', "
              + item
              + ", 3, '\\x00', now())");
    }

    ContactSchema.migrate(database);

    assertThat(new JobItemTable(database).record(results.subList(2, 3)))
        .as("the job's third item completes it: the two recorded before the upgrade count")
        .isEqualTo(1);
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
