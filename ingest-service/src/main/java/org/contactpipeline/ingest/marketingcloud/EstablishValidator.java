package org.contactpipeline.ingest.marketingcloud;

import java.util.List;
import java.util.UUID;
import org.contactpipeline.schemas.ContactKeyText;

/**
 * Applies the establish contract to a parsed request: {@code contactKeys} required, non-empty,
 * within the configured count and length; {@code contactType} not negative (default 0); {@code
 * returnResults} and {@code correlateResponseItem} default true, {@code includeNewContactAwareness}
 * false.
 */
final class EstablishValidator {

  private final int maxKeys;
  private final int maxKeyLength;

  EstablishValidator(int maxKeys, int maxKeyLength) {
    this.maxKeys = maxKeys;
    this.maxKeyLength = maxKeyLength;
  }

  EstablishPlan validate(String tenant, EstablishRequest request) {
    List<String> keys = request.contactKeys();
    if (keys == null || keys.isEmpty()) {
      throw new RequestRejection(
          "ContactKeysRequired",
          "contactKeys is required and must hold at least one key",
          "contactKeys");
    }
    if (keys.size() > maxKeys) {
      throw new RequestRejection(
          "TooManyContactKeys",
          "contactKeys holds "
              + keys.size()
              + " keys; at most "
              + maxKeys
              + " are allowed per request",
          "contactKeys");
    }
    for (int i = 0; i < keys.size(); i++) {
      checkKey(keys.get(i), "contactKeys[" + i + "]");
    }
    int contactType = contactType(request.contactType());
    return new EstablishPlan(
        UUID.randomUUID(),
        tenant,
        keys,
        contactType,
        orDefault(request.returnResults(), true),
        orDefault(request.correlateResponseItem(), true),
        orDefault(request.includeNewContactAwareness(), false));
  }

  /**
   * Refuses a contact key that is empty, that a key cannot hold, or that is too long; {@code field}
   * names it in the refusal ({@code contactKeys[2]}, or an imported row's {@code ContactKey}).
   */
  void checkKey(String key, String field) {
    if (key == null || key.isBlank()) {
      throw new RequestRejection("ContactKeyRequired", field + " is empty", field);
    }
    String keyProblem = ContactKeyText.problemWith(key);
    if (keyProblem != null) {
      throw new RequestRejection("InvalidContactKey", field + " " + keyProblem, field);
    }
    if (key.length() > maxKeyLength) {
      throw new RequestRejection(
          "ContactKeyTooLong",
          field
              + " is "
              + key.length()
              + " characters long; at most "
              + maxKeyLength
              + " are allowed",
          field);
    }
  }

  /** Refuses a negative contact type; null means the default, 0. */
  static int contactType(Integer contactType) {
    int type = contactType == null ? 0 : contactType;
    if (type < 0) {
      throw new RequestRejection(
          "InvalidContactType",
          "contactType must be 0 (Default) or a positive number, was " + type,
          "contactType");
    }
    return type;
  }

  private static boolean orDefault(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }
}
