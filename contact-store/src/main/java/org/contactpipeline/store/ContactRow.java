package org.contactpipeline.store;

import java.time.Instant;
import java.util.Locale;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The columns of one {@code contacts} row, derived from a golden record: key and bookkeeping, the
 * data fields the read side filters on, the exact record for the read side to decode, and a JSON
 * copy of the data for people using SQL.
 *
 * <p>PostgreSQL refuses NUL characters in text and JSON. The key keeps them (and the row is refused
 * and dead-lettered: two keys must never merge), but the data columns are only copies of what
 * {@code record} holds exactly, so they get U+FFFD instead and the contact still converges.
 *
 * @param emailLower the email lower-cased with {@link Locale#ROOT}, as identity rules compare it
 * @param record the golden record in Avro single-object encoding, as on the changelog
 * @param dataJson the data as JSON ({@link DataJson}: the fields it sets), or null when the record
 *     has none
 */
public record ContactRow(
    ContactKey key,
    long contactId,
    String status,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String emailLower,
    String firstName,
    String lastName,
    String phone,
    String phoneCountryCode,
    String phoneNumber,
    String userId,
    String deviceId,
    String externalId,
    byte[] record,
    String dataJson) {

  private static final char REPLACEMENT = '\uFFFD';

  public static ContactRow of(ContactRecord record) {
    ContactData data = record.getData() == null ? new ContactData() : record.getData();
    String email = data.getEmail() == null ? null : data.getEmail().toLowerCase(Locale.ROOT);
    return new ContactRow(
        record.getKey(),
        record.getContactId(),
        record.getStatus().name(),
        record.getVersion(),
        record.getCreatedAt(),
        record.getUpdatedAt(),
        text(email),
        text(data.getFirstName()),
        text(data.getLastName()),
        text(data.getPhone()),
        text(data.getPhoneCountryCode()),
        text(data.getPhoneNumber()),
        text(data.getUserId()),
        text(data.getDeviceId()),
        text(data.getExternalId()),
        encode(record),
        record.getData() == null ? null : json(DataJson.of(record.getData())));
  }

  /**
   * The record as the changelog carries it, so that the read side decodes it with the topic's
   * serde.
   */
  static byte[] encode(ContactRecord record) {
    return Topics.CHANGELOG.valueSerde().serializer().serialize(Topics.CHANGELOG.name(), record);
  }

  private static String text(String value) {
    return value == null ? null : value.replace('\u0000', REPLACEMENT);
  }

  /**
   * JSON text with every {@code \u0000} escape turned into {@code \uFFFD}, leaving escaped
   * backslashes alone.
   */
  static String json(String json) {
    StringBuilder out = new StringBuilder(json.length());
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\' && json.startsWith("\\u0000", i)) {
        out.append("\\uFFFD");
        i += 6;
      } else if (c == '\\' && i + 1 < json.length()) {
        // Any other escape, copied whole so that its second character is never read as a new
        // escape.
        out.append(c).append(json.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
