package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds contacts request bodies in the seed's shape, so tests say only what differs. */
final class Requests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  static String byKey(String contactKey, String... sets) {
    return "{\"contactKey\":"
        + json(contactKey)
        + ",\"attributeSets\":["
        + String.join(",", sets)
        + "]}";
  }

  static String byId(Object contactId, String... sets) {
    return "{\"contactID\":"
        + json(contactId)
        + ",\"attributeSets\":["
        + String.join(",", sets)
        + "]}";
  }

  static String set(String name, String... values) {
    return "{\"name\":"
        + json(name)
        + ",\"items\":[{\"values\":["
        + String.join(",", values)
        + "]}]}";
  }

  static String value(String name, Object value) {
    return "{\"name\":" + json(name) + ",\"value\":" + json(value) + "}";
  }

  static String emailAddresses(String email) {
    return set("Email Addresses", value("Email Address", email), value("HTML Enabled", true));
  }

  static String emailDemographics(String firstName, String lastName) {
    return set("Email Demographics", value("First Name", firstName), value("Last Name", lastName));
  }

  static String mobileConnect(String number, String locale) {
    return set(
        "MobileConnect Demographics", value("Mobile Number", number), value("Locale", locale));
  }

  static String mobilePush(String deviceId, String applicationId) {
    return set(
        "MobilePush Demographics",
        value("Device ID", deviceId),
        value("ApplicationID", applicationId));
  }

  static String lineAddresses() {
    return set("GroupConnect LINE Addresses", value("Address ID", "line-1"));
  }

  static String lineSubscriptions() {
    return set(
        "GroupConnect LINE Subscriptions",
        value("Address ID", "line-1"),
        value("Channel ID", "1234567890"));
  }

  static String lineDemographics() {
    return set(
        "GroupConnect LINE Demographics",
        value("Address ID", "line-1"),
        value("Display Name", "Angela"));
  }

  static String deleteBody(Object... values) {
    return "{\"values\":["
        + Arrays.stream(values).map(Requests::json).collect(Collectors.joining(","))
        + "],\"DeleteOperationType\":\"ContactAndAttributes\"}";
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
