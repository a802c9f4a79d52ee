package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
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
final class IvvyContacts {

  private final ObjectMapper json;

  IvvyContacts(ObjectMapper json) {
    this.json = json;
  }

  IvvyContact view(ContactRecord record, TenantDefinitions definitions) {
    ContactData data = record.getData() == null ? new ContactData() : record.getData();
    String id = Long.toString(record.getContactId());
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
        customFields(data.getCustomFields(), definitions),
        data.getCompanies() == null ? List.of() : List.copyOf(data.getCompanies()),
        data.getEmailStatus(),
        data.getSmsStatus(),
        data.getExternalUrls() == null
            ? List.of()
            : data.getExternalUrls().stream()
                .map(url -> new IvvyContact.Url(url.getRef(), url.getUrl(), url.getLabel()))
                .toList(),
        data.getConsent() == null ? null : data.getConsent().getPrivacyConsent(),
        IvvyTimestamps.format(record.getCreatedAt()),
        IvvyTimestamps.format(record.getUpdatedAt()));
  }

  private List<IvvyContact.CustomField> customFields(
      Map<String, String> stored, TenantDefinitions definitions) {
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
                    definitions
                        .customField(Long.parseLong(entry.getKey()))
                        .map(CustomFieldDefinition::displayName)
                        .orElse(null),
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
