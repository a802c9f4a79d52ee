package org.contactpipeline.ingest.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.ContactPage;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.store.DeleteOperation;

/**
 * {@link ContactStore} over golden records kept in memory, for HTTP tests. Its query semantics
 * mirror the SQL store's; the SQL itself is proven against PostgreSQL in the integration tests.
 */
public final class InMemoryContactStore implements ContactStore {

  private final Map<ContactKey, ContactRecord> contacts = new ConcurrentHashMap<>();
  private final Map<String, List<ContactResult>> deleteResults = new ConcurrentHashMap<>();
  private final Map<String, String> deleteTenants = new ConcurrentHashMap<>();

  /** Applies a golden record, or a tombstone when {@code record} is null. */
  public void apply(ContactKey key, ContactRecord record) {
    if (record == null) {
      contacts.remove(key);
    } else {
      contacts.put(key, record);
    }
  }

  /** Records a delete command's result as sink-service's operation recorder would. */
  public void recordDelete(ContactResult result) {
    deleteTenants.put(result.getRequestId(), result.getKey().getTenant());
    deleteResults.computeIfAbsent(result.getRequestId(), id -> new ArrayList<>()).add(result);
  }

  @Override
  public Optional<ContactRecord> byKey(ContactKey key) {
    return Optional.ofNullable(contacts.get(key));
  }

  @Override
  public Optional<ContactRecord> byId(String tenant, long contactId) {
    return contacts.values().stream()
        .filter(
            record ->
                record.getContactId() == contactId && record.getKey().getTenant().equals(tenant))
        .findFirst();
  }

  @Override
  public ContactPage find(ContactQuery query) {
    List<ContactRecord> matches =
        contacts.values().stream()
            .filter(record -> record.getKey().getTenant().equals(query.tenant()))
            .filter(record -> matches(query, record))
            .sorted(Comparator.comparingLong(ContactRecord::getContactId))
            .toList();
    List<ContactRecord> page = matches.stream().skip(query.offset()).limit(query.limit()).toList();
    return new ContactPage(page, matches.size());
  }

  private static boolean matches(ContactQuery query, ContactRecord record) {
    ContactData data = record.getData() == null ? new ContactData() : record.getData();
    return (query.email() == null
            || data.getEmail() != null
                && data.getEmail()
                    .toLowerCase(Locale.ROOT)
                    .equals(query.email().toLowerCase(Locale.ROOT)))
        && same(query.firstName(), data, ContactData::getFirstName)
        && same(query.lastName(), data, ContactData::getLastName)
        && same(query.phone(), data, ContactData::getPhone)
        && same(query.phoneCountryCode(), data, ContactData::getPhoneCountryCode)
        && same(query.phoneNumber(), data, ContactData::getPhoneNumber)
        && same(query.userId(), data, ContactData::getUserId)
        && same(query.deviceId(), data, ContactData::getDeviceId)
        && same(query.externalId(), data, ContactData::getExternalId)
        && (query.updatedAfter() == null || record.getUpdatedAt().isAfter(query.updatedAfter()))
        && (query.updatedBefore() == null || record.getUpdatedAt().isBefore(query.updatedBefore()))
        && (query.contactIdFrom() == null || record.getContactId() >= query.contactIdFrom());
  }

  private static boolean same(
      String wanted, ContactData data, Function<ContactData, String> field) {
    return wanted == null || Objects.equals(wanted, field.apply(data));
  }

  @Override
  public Optional<DeleteOperation> deleteOperation(String tenant, String operationId) {
    List<ContactResult> results = deleteResults.get(operationId);
    if (results == null || !tenant.equals(deleteTenants.get(operationId))) {
      return Optional.empty();
    }
    List<DeleteOperation.Item> items =
        results.stream()
            .sorted(Comparator.comparingInt(ContactResult::getItemIndex))
            .map(
                result ->
                    new DeleteOperation.Item(
                        result.getItemIndex(),
                        result.getOutcome() == CommandOutcome.DELETED
                            ? result.getKey().getContactKey()
                            : null,
                        result.getContactId(),
                        result.getOutcome() == CommandOutcome.DELETED))
            .toList();
    return Optional.of(new DeleteOperation(operationId, results.get(0).getItemCount(), items));
  }
}
