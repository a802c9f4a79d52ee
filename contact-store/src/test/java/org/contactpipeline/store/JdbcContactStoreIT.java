package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.PostalAddress;
import org.contactpipeline.stack.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read side against real PostgreSQL, on rows written by sink-service's own table writers: every
 * query criterion, paging, tenant isolation and delete operations.
 */
@Timeout(180)
class JdbcContactStoreIT {

  private static final String TENANT = "store-a";
  private static final String OTHER_TENANT = "store-b";
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  private static final ContactRecord ALICE =
      golden(
          TENANT,
          "alice",
          12,
          T0.plusSeconds(10),
          ContactData.newBuilder()
              .setEmail("Alice@Example.com")
              .setFirstName("Alice")
              .setLastName("Liddell")
              .setPhone("+61412345678")
              .setPhoneCountryCode("61")
              .setPhoneNumber("412345678")
              .setUserId("u-alice")
              .setDeviceId("tablet-1")
              .setExternalId("x-alice")
              .setAddress(PostalAddress.newBuilder().setCity("Oxford").build())
              .setTags(List.of("vip"))
              .build());
  private static final ContactRecord EMILE =
      golden(
          TENANT,
          "emile",
          24,
          T0.plusSeconds(20),
          ContactData.newBuilder()
              .setEmail("ÉMILE@Example.COM")
              .setFirstName("Émile")
              .setLastName("Zola")
              .build());
  private static final ContactRecord BOB =
      golden(
          TENANT,
          "bob",
          36,
          T0.plusSeconds(30),
          ContactData.newBuilder()
              .setEmail("bob@example.com")
              .setFirstName("Bob")
              .setLastName("Liddell")
              .setPhone("+4930123")
              .setPhoneCountryCode("49")
              .setPhoneNumber("30123")
              .setUserId("u-bob")
              .build());
  private static final ContactRecord NO_DATA =
      golden(TENANT, "no-data", 48, T0.plusSeconds(40), null);
  private static final ContactRecord LOWER_ALICE =
      golden(
          TENANT,
          "alice-2",
          60,
          T0.plusSeconds(50),
          ContactData.newBuilder().setEmail("alice@example.com").setFirstName("alice").build());
  private static final ContactRecord DELETED =
      golden(
          TENANT,
          "deleted",
          72,
          T0.plusSeconds(60),
          ContactData.newBuilder().setEmail("gone@example.com").build());
  private static final ContactRecord OTHER_ALICE =
      golden(
          OTHER_TENANT,
          "alice",
          13,
          T0.plusSeconds(10),
          ContactData.newBuilder()
              .setEmail("alice@example.com")
              .setFirstName("Alice")
              .setLastName("Liddell")
              .build());

  private static DataSource database;
  private static JdbcContactStore store;

  @BeforeAll
  static void writeContactsAsTheSinkDoes() throws SQLException {
    database = TestDatabases.fresh();
    ContactSchema.migrate(database);
    new ContactTable(database)
        .apply(
            List.of(
                ChangelogEntry.of(ALICE),
                ChangelogEntry.of(EMILE),
                ChangelogEntry.of(BOB),
                ChangelogEntry.of(NO_DATA),
                ChangelogEntry.of(LOWER_ALICE),
                ChangelogEntry.of(DELETED),
                ChangelogEntry.of(OTHER_ALICE)));
    new ContactTable(database).apply(List.of(ChangelogEntry.tombstone(DELETED.getKey())));
    store = new JdbcContactStore(database);
  }

  @Test
  void shouldReturnTheGoldenRecordOfAKeyExactly() {
    assertThat(store.byKey(ALICE.getKey())).contains(ALICE);
    assertThat(store.byKey(NO_DATA.getKey())).contains(NO_DATA);
  }

  @Test
  void shouldFindNothingForACriterionWithANulCharacterInsteadOfFailing() {
    // PostgreSQL cannot hold NUL, so nothing stored can match; a caller's typo must not read as an
    // outage.
    assertThat(store.byKey(new ContactKey(TENANT, 0, "ali\u0000ce"))).isEmpty();
    assertThat(
            store
                .find(ContactQuery.of(TENANT).limit(100).firstName("Ali\u0000ce").build())
                .contacts())
        .isEmpty();
    assertThat(store.deleteOperation(TENANT, "op\u0000")).isEmpty();
  }

  @Test
  void shouldReturnOnlyTheContactOfTheKeysOwnTenantAndType() {
    assertThat(store.byKey(new ContactKey(OTHER_TENANT, 0, "alice"))).contains(OTHER_ALICE);
    assertThat(store.byKey(new ContactKey("store-c", 0, "alice"))).isEmpty();
    assertThat(store.byKey(new ContactKey(TENANT, 1, "alice"))).isEmpty();
  }

  @Test
  void shouldFindAContactByIdOnlyInItsOwnTenant() {
    assertThat(store.byId(TENANT, 12)).contains(ALICE);
    assertThat(store.byId(OTHER_TENANT, 12)).isEmpty();
    assertThat(store.byId(TENANT, 13)).isEmpty();
  }

  @Test
  void shouldReadNothingOfADeletedContact() {
    assertThat(store.byKey(DELETED.getKey())).isEmpty();
    assertThat(store.byId(TENANT, 72)).isEmpty();
    assertThat(
            ids(store.find(ContactQuery.of(TENANT).limit(100).email("gone@example.com").build())))
        .isEmpty();
  }

  @Test
  void shouldMatchTheEmailCaseInsensitively() {
    assertThat(
            ids(store.find(ContactQuery.of(TENANT).limit(100).email("ALICE@example.COM").build())))
        .containsExactly(12L, 60L);
    // Beyond ASCII too, which SQL lower() in the C locale would not manage.
    assertThat(
            ids(store.find(ContactQuery.of(TENANT).limit(100).email("ÉMILE@example.com").build())))
        .containsExactly(24L);
  }

  @Test
  void shouldMatchNamesExactly() {
    assertThat(
            ids(
                store.find(
                    ContactQuery.of(TENANT)
                        .limit(100)
                        .firstName("Alice")
                        .lastName("Liddell")
                        .build())))
        .containsExactly(12L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).firstName("alice").build())))
        .containsExactly(60L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).lastName("Liddell").build())))
        .containsExactly(12L, 36L);
  }

  @Test
  void shouldMatchTheFullPhoneOrItsCountryCodeAndNumber() {
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).phone("+61412345678").build())))
        .containsExactly(12L);
    assertThat(
            ids(
                store.find(
                    ContactQuery.of(TENANT)
                        .limit(100)
                        .phoneCountryCode("49")
                        .phoneNumber("30123")
                        .build())))
        .containsExactly(36L);
    assertThat(
            ids(
                store.find(
                    ContactQuery.of(TENANT)
                        .limit(100)
                        .phoneCountryCode("61")
                        .phoneNumber("30123")
                        .build())))
        .isEmpty();
  }

  @Test
  void shouldMatchUserIdDeviceIdAndExternalId() {
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).userId("u-bob").build())))
        .containsExactly(36L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).deviceId("tablet-1").build())))
        .containsExactly(12L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).externalId("x-alice").build())))
        .containsExactly(12L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).externalId("x-bob").build())))
        .isEmpty();
  }

  @Test
  void shouldMatchUpdatesStrictlyBetweenTheTwoInstants() {
    ContactQuery between =
        ContactQuery.of(TENANT)
            .limit(100)
            .updatedAfter(ALICE.getUpdatedAt())
            .updatedBefore(NO_DATA.getUpdatedAt())
            .build();
    assertThat(ids(store.find(between))).containsExactly(24L, 36L);
    assertThat(
            ids(
                store.find(
                    ContactQuery.of(TENANT).limit(100).updatedAfter(BOB.getUpdatedAt()).build())))
        .containsExactly(48L, 60L);
    assertThat(
            ids(
                store.find(
                    ContactQuery.of(TENANT)
                        .limit(100)
                        .updatedBefore(EMILE.getUpdatedAt())
                        .build())))
        .containsExactly(12L);
  }

  @Test
  void shouldStartAtTheGivenContactIdInclusive() {
    assertThat(ids(store.find(ContactQuery.of(TENANT).limit(100).contactIdFrom(36L).build())))
        .containsExactly(36L, 48L, 60L);
  }

  @Test
  void shouldRequireEveryCriterionItSets() {
    ContactQuery query =
        ContactQuery.of(TENANT).limit(100).email("alice@example.com").firstName("Alice").build();
    assertThat(ids(store.find(query))).containsExactly(12L);
  }

  @Test
  void shouldPageInAscendingIdOrderWithTheTotalOfAllPages() {
    ContactQuery all = ContactQuery.allOf(TENANT, 2);

    ContactPage first = store.find(all);
    assertThat(first.contacts()).containsExactly(ALICE, EMILE);
    assertThat(first.total()).isEqualTo(5);
    assertThat(ids(store.find(ContactQuery.of(TENANT).offset(2).limit(2).build())))
        .containsExactly(36L, 48L);
    assertThat(ids(store.find(ContactQuery.of(TENANT).offset(4).limit(2).build())))
        .containsExactly(60L);
    ContactPage beyond = store.find(ContactQuery.of(TENANT).offset(10).limit(2).build());
    assertThat(beyond.contacts()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
    ContactPage countOnly = store.find(ContactQuery.of(TENANT).limit(0).build());
    assertThat(countOnly.contacts()).isEmpty();
    assertThat(countOnly.total()).isEqualTo(5);
  }

  @Test
  void shouldListOnlyTheQueryingTenantsContacts() {
    ContactPage other = store.find(ContactQuery.allOf(OTHER_TENANT, 100));
    assertThat(other.contacts()).containsExactly(OTHER_ALICE);
    assertThat(other.total()).isEqualTo(1);
    assertThat(ids(store.find(ContactQuery.allOf("store-c", 100)))).isEmpty();
  }

  @Test
  void shouldReportADeleteOperationItemByItemOnceEachIsRecordedWhateverTheOrder()
      throws SQLException {
    DeleteOperationTable operations = new DeleteOperationTable(database);
    operations.record(
        List.of(
            deleteResult(TENANT, "2001", 2, "nobody", 0, CommandOutcome.NOT_FOUND),
            deleteResult(TENANT, "2001", 0, "deleted", 72, CommandOutcome.DELETED)));

    DeleteOperation partial = store.deleteOperation(TENANT, "2001").orElseThrow();
    assertThat(partial.itemCount()).isEqualTo(3);
    assertThat(partial.isComplete()).isFalse();
    assertThat(partial.items())
        .containsExactly(
            new DeleteOperation.Item(0, "deleted", 72, true),
            new DeleteOperation.Item(2, null, 0, false));

    // A replayed result changes nothing; the last item completes the operation.
    operations.record(
        List.of(
            deleteResult(TENANT, "2001", 0, "deleted", 72, CommandOutcome.DELETED),
            deleteResult(TENANT, "2001", 1, "", 99, CommandOutcome.NOT_FOUND)));

    DeleteOperation complete = store.deleteOperation(TENANT, "2001").orElseThrow();
    assertThat(complete.isComplete()).isTrue();
    assertThat(complete.items())
        .containsExactly(
            new DeleteOperation.Item(0, "deleted", 72, true),
            new DeleteOperation.Item(1, null, 99, false),
            new DeleteOperation.Item(2, null, 0, false));
  }

  @Test
  void shouldNotRevealADeleteOperationToAnotherTenant() throws SQLException {
    new DeleteOperationTable(database)
        .record(List.of(deleteResult(TENANT, "2002", 0, "alice", 12, CommandOutcome.DELETED)));

    assertThat(store.deleteOperation(TENANT, "2002")).isPresent();
    assertThat(store.deleteOperation(OTHER_TENANT, "2002")).isEmpty();
    assertThat(store.deleteOperation(TENANT, "2999")).isEmpty();
  }

  @Test
  void shouldKeepTwoTenantsOperationsWithTheSameIdApart() throws SQLException {
    // Direct producers choose their own request ids; one tenant's must never swallow another's.
    new DeleteOperationTable(database)
        .record(
            List.of(
                deleteResult(TENANT, "3003", 0, "alice", 12, CommandOutcome.DELETED),
                deleteResult(OTHER_TENANT, "3003", 0, "zed", 99, CommandOutcome.DELETED)));

    assertThat(store.deleteOperation(TENANT, "3003").orElseThrow().items())
        .containsExactly(new DeleteOperation.Item(0, "alice", 12, true));
    assertThat(store.deleteOperation(OTHER_TENANT, "3003").orElseThrow().items())
        .containsExactly(new DeleteOperation.Item(0, "zed", 99, true));
  }

  private static List<Long> ids(ContactPage page) {
    return page.contacts().stream().map(ContactRecord::getContactId).toList();
  }

  private static ContactRecord golden(
      String tenant, String key, long contactId, Instant updatedAt, ContactData data) {
    return new ContactRecord(
        new ContactKey(tenant, 0, key), contactId, ContactStatus.ACTIVE, 1L, T0, updatedAt, data);
  }

  private static ContactResult deleteResult(
      String tenant,
      String operationId,
      int itemIndex,
      String contactKey,
      long contactId,
      CommandOutcome outcome) {
    return ContactResult.newBuilder()
        .setRequestId(operationId)
        .setItemIndex(itemIndex)
        .setItemCount(3)
        .setReplyTo(null)
        .setKey(new ContactKey(tenant, 0, contactKey))
        .setContactId(contactId)
        .setStatus(null)
        .setNewContact(false)
        .setResolvedAt(T0)
        .setAction(CommandAction.DELETE)
        .setOutcome(outcome)
        .build();
  }
}
