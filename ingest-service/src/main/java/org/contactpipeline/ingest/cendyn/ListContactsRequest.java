package org.contactpipeline.ingest.cendyn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.contactpipeline.store.ContactQuery;

/**
 * The query parameters of {@code GET /v2/account/{account_id}/contact/}, checked. Filters match
 * exactly, except {@code email} (case-insensitive) and the phone filters (compared as digits, as
 * {@link PhoneParameters} stores them). {@code contact_id_from} is inclusive: the list starts at
 * that contact, so a client paging with the last id it saw gets that contact again first. {@code
 * order} may only be {@code asc}: the read side lists in ascending contact ID order only. Unknown
 * or repeated parameters are refused, so a misspelt filter never silently lists everyone.
 */
final class ListContactsRequest {

  static final int DEFAULT_LIMIT = 200;
  static final int MAX_LIMIT = 1000;

  private static final Set<String> PARAMETERS =
      Set.of(
          "user_id",
          "device_id",
          "name_first",
          "name_last",
          "email",
          "phone_countrycode",
          "phone_number",
          "limit",
          "contact_id_from",
          "order");

  private ListContactsRequest() {}

  /** What the store is asked, with {@code limit} as its page size. */
  static ContactQuery parse(String tenant, Map<String, List<String>> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      if (!PARAMETERS.contains(parameter.getKey())) {
        throw CendynRejection.malformed(
            "unknown query parameter '"
                + parameter.getKey()
                + "'; the parameters are "
                + PARAMETERS.stream().sorted().toList());
      }
      if (parameter.getValue().size() > 1) {
        throw CendynRejection.malformed(
            "query parameter "
                + parameter.getKey()
                + " is given "
                + parameter.getValue().size()
                + " times; give it once");
      }
    }
    String order = single(parameters, "order");
    if (order != null && !order.equals("asc")) {
      throw CendynRejection.malformed(
          "order '"
              + order
              + "' is not supported: contacts are listed in ascending"
              + " id order (order=asc, the default)");
    }
    return ContactQuery.of(tenant)
        .limit(limit(single(parameters, "limit")))
        .email(single(parameters, "email"))
        .firstName(single(parameters, "name_first"))
        .lastName(single(parameters, "name_last"))
        .phoneCountryCode(countryCode(single(parameters, "phone_countrycode")))
        .phoneNumber(phoneNumber(single(parameters, "phone_number")))
        .userId(single(parameters, "user_id"))
        .deviceId(single(parameters, "device_id"))
        .contactIdFrom(contactIdFrom(single(parameters, "contact_id_from")))
        .build();
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      throw CendynRejection.malformed(
          "query parameter " + name + " is empty; leave it out to not filter by it");
    }
    return value;
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CendynRejection.malformed(
          "limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + text + "'");
    }
    return limit;
  }

  private static Long contactIdFrom(String text) {
    if (text == null) {
      return null;
    }
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw CendynRejection.malformed(
        "contact_id_from must be a contact id (a positive whole number), was '" + text + "'");
  }

  private static String countryCode(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.startsWith("+") ? text.substring(1) : text;
    if (digits.isEmpty()
        || digits.length() > 3
        || !PhoneParameters.digitsOf(digits).equals(digits)) {
      throw CendynRejection.malformed(
          "phone_countrycode must be a country calling code of 1 to 3 digits, was '" + text + "'");
    }
    return digits;
  }

  private static String phoneNumber(String text) {
    if (text == null) {
      return null;
    }
    String digits = PhoneParameters.digitsOf(text);
    if (digits.isEmpty()
        || !text.chars().allMatch(c -> c >= '0' && c <= '9' || " -.()".indexOf(c) >= 0)) {
      throw CendynRejection.malformed(
          "phone_number must hold the digits of a number without its country code,"
              + " was '"
              + text
              + "'");
    }
    return digits;
  }
}
