package org.contactpipeline.ingest.marketingcloud;

import static org.contactpipeline.ingest.marketingcloud.AttributeDefinition.optional;
import static org.contactpipeline.ingest.marketingcloud.AttributeDefinition.required;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Marketing Cloud data model of this service: which attribute sets a contact can have, their
 * attributes, types and required flags, and the seed's rules between sets. It is the one source of
 * truth: {@link ContactChangeValidator} checks requests against it and {@code GET
 * /contacts/v1/attributeSetDefinitions} renders it.
 *
 * <p>The sets and rules are those of the seed ({@code POST /contacts/v1/contacts}):
 *
 * <ul>
 *   <li>a request that may create a contact gives at least one of the creating combinations: Email
 *       Addresses, MobileConnect Demographics, MobilePush Demographics, or GroupConnect LINE
 *       Addresses together with GroupConnect LINE Subscriptions;
 *   <li>Email Demographics only with Email Addresses; GroupConnect LINE Demographics only with both
 *       LINE Addresses and LINE Subscriptions;
 *   <li>Email Addresses needs HTML Enabled; MobileConnect Demographics needs a Locale with a
 *       country code; MobilePush Demographics needs an application ID;
 *   <li>no WhatsApp set ("WhatsApp is not supported").
 * </ul>
 *
 * Beyond the seed, each channel set requires its address (Email Address, Mobile Number, Device ID,
 * Address ID): a channel row without an address reaches nobody.
 *
 * <p>The application ID attribute is named {@code "Application"} with key {@code "ApplicationID"}:
 * the seed's rule text says "ApplicationID", its example request says "Application", and requests
 * may name an attribute by name or by key, so both are accepted and stored under the name. The
 * seed's "Text Profile Attribute" and "Number Profile Attribute" stand for a tenant's own profile
 * attributes, one of each type.
 */
final class ContactDataModel {

  static final String EMAIL_ADDRESSES = "Email Addresses";
  static final String EMAIL_DEMOGRAPHICS = "Email Demographics";
  static final String MOBILE_CONNECT_DEMOGRAPHICS = "MobileConnect Demographics";
  static final String MOBILE_PUSH_DEMOGRAPHICS = "MobilePush Demographics";
  static final String LINE_ADDRESSES = "GroupConnect LINE Addresses";
  static final String LINE_SUBSCRIPTIONS = "GroupConnect LINE Subscriptions";
  static final String LINE_DEMOGRAPHICS = "GroupConnect LINE Demographics";

  static final String EMAIL_ADDRESS = "Email Address";
  static final String HTML_ENABLED = "HTML Enabled";
  static final String FIRST_NAME = "First Name";
  static final String LAST_NAME = "Last Name";
  static final String MOBILE_NUMBER = "Mobile Number";
  static final String LOCALE = "Locale";
  static final String DEVICE_ID = "Device ID";

  private static final int NAME_LENGTH = 100;
  private static final int ID_LENGTH = 200;
  private static final int TEXT_LENGTH = 4000;
  private static final int EMAIL_LENGTH = 254;
  private static final int PHONE_LENGTH = 50;

  private static final ContactDataModel STANDARD =
      new ContactDataModel(
          List.of(
              set(
                  EMAIL_ADDRESSES,
                  "EmailAddresses",
                  List.of(),
                  required(
                      EMAIL_ADDRESS, "EmailAddress", AttributeType.EMAIL_ADDRESS, EMAIL_LENGTH),
                  required(HTML_ENABLED, "HTMLEnabled", AttributeType.BOOLEAN, 0)),
              set(
                  EMAIL_DEMOGRAPHICS,
                  "EmailDemographics",
                  List.of(EMAIL_ADDRESSES),
                  optional(FIRST_NAME, "FirstName", AttributeType.TEXT, NAME_LENGTH),
                  optional(LAST_NAME, "LastName", AttributeType.TEXT, NAME_LENGTH),
                  optional(
                      "Text Profile Attribute",
                      "TextProfileAttribute",
                      AttributeType.TEXT,
                      TEXT_LENGTH),
                  optional(
                      "Number Profile Attribute",
                      "NumberProfileAttribute",
                      AttributeType.NUMBER,
                      0)),
              set(
                  MOBILE_CONNECT_DEMOGRAPHICS,
                  "MobileConnectDemographics",
                  List.of(),
                  required(MOBILE_NUMBER, "MobileNumber", AttributeType.PHONE, PHONE_LENGTH),
                  required(LOCALE, "Locale", AttributeType.LOCALE, 20),
                  optional("Status", "Status", AttributeType.NUMBER, 0)),
              set(
                  MOBILE_PUSH_DEMOGRAPHICS,
                  "MobilePushDemographics",
                  List.of(),
                  required(DEVICE_ID, "DeviceID", AttributeType.TEXT, ID_LENGTH),
                  required("Application", "ApplicationID", AttributeType.TEXT, ID_LENGTH)),
              set(
                  LINE_ADDRESSES,
                  "GroupConnectLineAddresses",
                  List.of(),
                  required("Address ID", "AddressID", AttributeType.TEXT, ID_LENGTH)),
              set(
                  LINE_SUBSCRIPTIONS,
                  "GroupConnectLineSubscriptions",
                  List.of(),
                  required("Address ID", "AddressID", AttributeType.TEXT, ID_LENGTH),
                  required("Channel ID", "ChannelID", AttributeType.TEXT, ID_LENGTH)),
              set(
                  LINE_DEMOGRAPHICS,
                  "GroupConnectLineDemographics",
                  List.of(LINE_ADDRESSES, LINE_SUBSCRIPTIONS),
                  required("Address ID", "AddressID", AttributeType.TEXT, ID_LENGTH),
                  optional("Display Name", "DisplayName", AttributeType.TEXT, NAME_LENGTH),
                  optional("Picture Url", "PictureUrl", AttributeType.TEXT, TEXT_LENGTH),
                  optional("Status Message", "StatusMessage", AttributeType.TEXT, TEXT_LENGTH))),
          List.of(
              List.of(EMAIL_ADDRESSES),
              List.of(MOBILE_CONNECT_DEMOGRAPHICS),
              List.of(MOBILE_PUSH_DEMOGRAPHICS),
              List.of(LINE_ADDRESSES, LINE_SUBSCRIPTIONS)));

  private final List<AttributeSetDefinition> sets;
  private final List<List<String>> creatingCombinations;

  private ContactDataModel(
      List<AttributeSetDefinition> sets, List<List<String>> creatingCombinations) {
    this.sets = List.copyOf(sets);
    this.creatingCombinations = List.copyOf(creatingCombinations);
  }

  /** The model every tenant shares. */
  static ContactDataModel standard() {
    return STANDARD;
  }

  List<AttributeSetDefinition> sets() {
    return sets;
  }

  /** The set a request's set name means (by name or key, any case). */
  Optional<AttributeSetDefinition> set(String given) {
    return sets.stream().filter(set -> set.isNamed(given)).findFirst();
  }

  /** Combinations of set names of which a creating request must give at least one in full. */
  List<List<String>> creatingCombinations() {
    return creatingCombinations;
  }

  /**
   * The seed's "WhatsApp is not supported": any set named after WhatsApp, whatever else it says.
   */
  static boolean isWhatsApp(String setName) {
    return setName.toLowerCase(Locale.ROOT).replace(" ", "").contains("whatsapp");
  }

  private static AttributeSetDefinition set(
      String name, String key, List<String> requiredSets, AttributeDefinition... attributes) {
    return new AttributeSetDefinition(name, key, List.of(attributes), requiredSets);
  }
}
