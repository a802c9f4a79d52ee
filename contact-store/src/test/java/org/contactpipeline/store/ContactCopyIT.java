package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** COPY writes row for row what the sink's upsert writes, on real PostgreSQL. */
@Timeout(180)
class ContactCopyIT {

  private static DataSource database;

  @BeforeAll
  static void migrate() throws SQLException {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE contacts_copy (LIKE contacts INCLUDING ALL)");
    }
  }

  @Test
  void shouldWriteTheSameRowsAsTheUpsertIncludingTextThatCopyMustEscape() throws SQLException {
    List<ContactRecord> records =
        IntStream.range(0, 50)
            .mapToObj(ContactCopyIT::record)
            .collect(ArrayList::new, List::add, List::addAll);

    new ContactTable(database).apply(records.stream().map(ChangelogEntry::of).toList());
    long copied;
    try (Connection connection = database.getConnection()) {
      copied = ContactCopy.copy(connection, "contacts_copy", records.iterator());
    }

    assertThat(copied).isEqualTo(records.size());
    assertThat(rows("contacts_copy")).isEqualTo(rows("contacts")).hasSize(records.size());
  }

  private static ContactRecord record(int i) {
    ContactData data =
        ContactData.newBuilder()
            .setEmail("Person." + i + "@Example.com")
            .setFirstName(i % 2 == 0 ? "Tab\there" : "Back\\slash")
            .setLastName(i % 3 == 0 ? "New\nline\r" : "Ünïcödé " + i)
            .setPhone(i % 5 == 0 ? null : "+3460000" + i)
            .build();
    return new ContactRecord(
        new ContactKey("copy", 0, "person." + i + "@example.com"),
        1_000L + i,
        ContactStatus.ACTIVE,
        1L + i % 4,
        Instant.parse("2026-01-02T03:04:05.678Z"),
        Instant.parse("2026-02-03T04:05:06.789Z").plusSeconds(i),
        data);
  }

  private static List<String> rows(String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT t::text FROM " + table + " t ORDER BY tenant, contact_type, contact_key")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
