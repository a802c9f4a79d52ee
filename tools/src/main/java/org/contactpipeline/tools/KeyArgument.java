package org.contactpipeline.tools;

import org.contactpipeline.schemas.avro.ContactKey;

/**
 * The text form of a contact key on the command line and in the tool's output: {@code
 * tenant/type/key}, e.g. {@code demo/0/acruz@example.com}. The tenant and the type end at the first
 * two slashes; the key is everything after them, slashes included.
 */
public final class KeyArgument {

  private KeyArgument() {}

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static ContactKey parse(String text) {
    int first = text.indexOf('/');
    int second = first < 0 ? -1 : text.indexOf('/', first + 1);
    if (first <= 0 || second < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a contact key: expected tenant/type/key, e.g. demo/0/acruz");
    }
    String type = text.substring(first + 1, second);
    int contactType;
    try {
      contactType = Integer.parseInt(type);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a contact key: its type '" + type + "' is not a whole number", e);
    }
    String key = text.substring(second + 1);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not a contact key: its key is empty");
    }
    return ContactKey.newBuilder()
        .setTenant(text.substring(0, first))
        .setContactType(contactType)
        .setContactKey(key)
        .build();
  }

  public static String format(ContactKey key) {
    return key.getTenant() + "/" + key.getContactType() + "/" + key.getContactKey();
  }
}
