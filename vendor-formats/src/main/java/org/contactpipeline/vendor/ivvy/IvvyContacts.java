package org.contactpipeline.vendor.ivvy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * Turns golden records into iVvy's contact shape. Custom fields are stored by field id with their
 * value as JSON text; entries whose key is not a field id (custom fields another vendor's API set
 * on the same contact) are not iVvy fields and are left out.
 */
public final class IvvyContacts {

  private final ObjectMapper json;

  public IvvyContacts(ObjectMapper json) {
    this.json = json;
  }

  /** A golden record as {@code getContact} and {@code getContactList} show it. */
  public IvvyContact view(ContactRecord record, CustomFieldNames names) {
    return view(
        record.getContactId(),
        record.getData(),
        names,
        record.getCreatedAt(),
        record.getUpdatedAt());
  }

  /**
   * A contact known only by its ID and data (a result rather than a golden record): the dates,
   * which only golden records carry, are null.
   */
  public IvvyContact view(long contactId, ContactData contactData, CustomFieldNames names) {
    return view(contactId, contactData, names, null, null);
  }

  private IvvyContact view(
      long contactId,
      ContactData contactData,
      CustomFieldNames names,
      Instant createdAt,
      Instant updatedAt) {
    ContactData data = contactData == null ? new ContactData() : contactData;
    String id = Long.toString(contactId);
    return new IvvyContact(
        id,
        data.getExternalId(),
        data.getFirstName(),
        data.getLastName(),
        data.getEmail(),
        data.getPhone(),
        data.getGroups() == null
            ? List.of()
            : data.getGroups().stream()
                .map(group -> new IvvyContact.Group(id, Long.toString(group)))
                .toList(),
        customFields(data.getCustomFields(), names),
        data.getCompanies() == null ? List.of() : List.copyOf(data.getCompanies()),
        data.getEmailStatus(),
        data.getSmsStatus(),
        data.getExternalUrls() == null
            ? List.of()
            : data.getExternalUrls().stream()
                .map(url -> new IvvyContact.Url(url.getRef(), url.getUrl(), url.getLabel()))
                .toList(),
        data.getConsent() == null ? null : data.getConsent().getPrivacyConsent(),
        IvvyTimestamps.format(createdAt),
        IvvyTimestamps.format(updatedAt));
  }

  private List<IvvyContact.CustomField> customFields(
      Map<String, String> stored, CustomFieldNames names) {
    if (stored == null) {
      return List.of();
    }
    return stored.entrySet().stream()
        .filter(entry -> entry.getKey().matches("[0-9]{1,18}"))
        .sorted(Comparator.comparingLong(entry -> Long.parseLong(entry.getKey())))
        .map(
            entry ->
                new IvvyContact.CustomField(
                    entry.getKey(),
                    names.displayName(Long.parseLong(entry.getKey())),
                    value(entry.getValue())))
        .toList();
  }

  private JsonNode value(String text) {
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      // Written by another producer as plain text rather than JSON: show it as the text it is.
      return TextNode.valueOf(text);
    }
  }
}
