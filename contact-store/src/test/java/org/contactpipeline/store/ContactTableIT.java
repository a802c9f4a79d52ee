package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sink-service's writer of the {@code contacts} table on real PostgreSQL: a row only moves forward
 * in (contact ID, version) order, and the data columns hold what people query with SQL.
 */
@Timeout(180)
class ContactTableIT {

  /**
   * The contact a key had first, and the one it got when established again after a delete (a larger
   * ID).
   */
  private static final int OLD_CONTACT = 0;

  private static final int NEW_CONTACT = 12;

  private static DataSource database;
  private static ContactTable table;
  private static JdbcContactStore store;
  private static int keys;

  @BeforeAll
  static void migrate() {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    table = new ContactTable(database);
    store = new JdbcContactStore(database);
  }

  @Test
  void shouldReplaceADeletedKeysRowWithItsNewContactAfterTheTombstone() throws SQLException {
    ContactKey key = newKey();
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 3, "old"))));
    table.apply(List.of(ChangelogEntry.tombstone(key)));
    table.apply(List.of(ChangelogEntry.of(golden(key, NEW_CONTACT, 1, "new"))));

    assertThat(store.byKey(key)).contains(golden(key, NEW_CONTACT, 1, "new"));
  }

  @Test
  void shouldReplaceADeletedKeysRowWithItsNewContactWhenCompactionRemovedTheTombstone()
      throws SQLException {
    ContactKey key = newKey();
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 3, "old"))));
    // A materializer catching up after compaction sees the new contact's first record right after
    // the old one's.
    table.apply(List.of(ChangelogEntry.of(golden(key, NEW_CONTACT, 1, "new"))));

    assertThat(store.byKey(key)).contains(golden(key, NEW_CONTACT, 1, "new"));
  }

  @Test
  void shouldNeverMoveARowBackToAnOlderVersionOfTheSameContact() throws SQLException {
    ContactKey key = newKey();
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 3, "third"))));
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 2, "second"))));
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 3, "third again"))));

    assertThat(store.byKey(key)).contains(golden(key, OLD_CONTACT, 3, "third"));
  }

  @Test
  void shouldNeverMoveARowBackToTheContactAKeyHadBeforeItWasDeleted() throws SQLException {
    ContactKey key = newKey();
    table.apply(List.of(ChangelogEntry.of(golden(key, NEW_CONTACT, 1, "new"))));
    // A replay of the old contact, even at a higher version than the new one has.
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 5, "old"))));

    assertThat(store.byKey(key)).contains(golden(key, NEW_CONTACT, 1, "new"));
  }

  @Test
  void shouldRemoveTheRowOfATombstonedKey() throws SQLException {
    ContactKey key = newKey();
    table.apply(List.of(ChangelogEntry.of(golden(key, OLD_CONTACT, 1, "here"))));
    table.apply(List.of(ChangelogEntry.tombstone(key)));

    assertThat(store.byKey(key)).isEmpty();
  }

  @Test
  void shouldApplyOnlyTheLastRecordOfAKeyInOneBatch() throws SQLException {
    ContactKey key = newKey();
    ContactKey tombstoned = newKey();
    table.apply(
        List.of(
            ChangelogEntry.of(golden(key, OLD_CONTACT, 1, "first")),
            ChangelogEntry.of(golden(tombstoned, OLD_CONTACT, 1, "short-lived")),
            ChangelogEntry.of(golden(key, OLD_CONTACT, 2, "second")),
            ChangelogEntry.tombstone(tombstoned)));

    assertThat(store.byKey(key)).contains(golden(key, OLD_CONTACT, 2, "second"));
    assertThat(store.byKey(tombstoned)).isEmpty();
  }

  @Test
  void shouldWriteTheDataColumnsAndAJsonCopyOfTheData() throws SQLException {
    ContactKey key = newKey();
    ContactData data =
        ContactData.newBuilder()
            .setEmail("Émile@Example.COM")
            .setFirstName("Émile")
            .setLastName("Zola")
            .setPhone("+33123")
            .setPhoneCountryCode("33")
            .setPhoneNumber("123")
            .setUserId("u-1")
            .setExternalId("x-1")
            .setTags(List.of("writer"))
            .setBirthDate(Instant.parse("1840-04-02T00:00:00Z"))
            .build();
    table.apply(
        List.of(
            ChangelogEntry.of(
                new ContactRecord(
                    key,
                    id(key, OLD_CONTACT),
                    ContactStatus.ACTIVE,
                    1L,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    data))));

    assertThat(
            row(
                key,
                "email_lower, first_name, last_name, phone, phone_country_code, phone_number, user_id,"
                    + " external_id, data->>'firstName', data->'tags'->>0, data->>'birthDate'"))
        .containsExactly(
            "émile@example.com",
            "Émile",
            "Zola",
            "+33123",
            "33",
            "123",
            "u-1",
            "x-1",
            "Émile",
            "writer",
            "1840-04-02T00:00:00Z");
  }

  @Test
  void shouldStillWriteAContactWhoseDataHoldsACharacterPostgresRefuses() throws SQLException {
    ContactKey key = newKey();
    ContactData data = ContactData.newBuilder().setFirstName("nul\u0000name").build();
    ContactRecord record =
        new ContactRecord(
            key,
            id(key, OLD_CONTACT),
            ContactStatus.ACTIVE,
            1L,
            Instant.EPOCH,
            Instant.EPOCH,
            data);

    table.apply(List.of(ChangelogEntry.of(record)));

    assertThat(store.byKey(key)).contains(record);
    assertThat(row(key, "first_name, data->>'firstName'"))
        .containsExactly("nul\uFFFDname", "nul\uFFFDname");
  }

  private static synchronized ContactKey newKey() {
    return new ContactKey("table-it", 0, "key-" + ++keys);
  }

  /** The ID of one of a key's contacts; no two keys share one, as with the resolver's IDs. */
  private static long id(ContactKey key, int contact) {
    return Long.parseLong(key.getContactKey().substring("key-".length())) * 1000 + contact;
  }

  private static ContactRecord golden(ContactKey key, int contact, long version, String firstName) {
    return new ContactRecord(
        key,
        id(key, contact),
        ContactStatus.ACTIVE,
        version,
        Instant.EPOCH,
        Instant.EPOCH.plusSeconds(version),
        ContactData.newBuilder().setFirstName(firstName).build());
  }

  private static List<String> row(ContactKey key, String columns) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT "
                    + columns
                    + " FROM contacts WHERE tenant = ? AND contact_type = ? AND contact_key = ?")) {
      query.setString(1, key.getTenant());
      query.setInt(2, key.getContactType());
      query.setString(3, key.getContactKey());
      try (ResultSet result = query.executeQuery()) {
        assertThat(result.next()).as("a row for %s", key).isTrue();
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          values.add(result.getString(i));
        }
        return values;
      }
    }
  }
}
