package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.contactpipeline.ingest.contact.CustomFieldText;
import org.contactpipeline.ingest.contact.EmailAddress;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.ContactKeyText;
import org.contactpipeline.schemas.StorableText;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.contactpipeline.schemas.avro.PostalAddress;
import org.contactpipeline.schemas.avro.SocialIds;

/**
 * Reads a Cendyn create-contact body into the upsert it asks for: every parameter of the vendor's
 * reference checked for type and value, every other top-level key kept as a custom field (its value
 * as JSON text), and the contact key chosen by Cendyn's identity rule: the email lower-cased, or,
 * without an email, the phone as {@code +} and its digits. Parameter names are matched exactly, as
 * Cendyn's are snake_case; {@code Email} would be a custom field. A parameter given as JSON null
 * counts as not given (an upsert leaves that field as it is).
 */
final class CreateContactReader {

  static final String EMAIL = "email";

  /** The parameters Cendyn documents; anything else at the top level is a custom field. */
  static final Set<String> PARAMETERS =
      Set.of(
          "account_id",
          "device_id",
          "name_first",
          "name_last",
          EMAIL,
          PhoneParameters.COUNTRY_CODE,
          PhoneParameters.NUMBER,
          PhoneParameters.FULL,
          "city",
          "country",
          "region",
          "zip",
          "full_address",
          "born_date",
          "gender",
          "language",
          "user_id",
          "facebook_id",
          "facebook_friends",
          "google_id",
          "twitter_id",
          "twitter_followers",
          "gdpr_date",
          "last_latitude",
          "last_longitude",
          "list_subscriptions",
          "gdpr_marketing_consent",
          "gdpr_accept_terms",
          "gdpr_remote_ip",
          EmailValidationOptions.NAME,
          "tags");

  /** Keys the API assigns: a custom field by these names would shadow the contact's own id. */
  private static final Set<String> RESERVED = Set.of("id", "_id");

  private static final Set<String> GENDERS = Set.of("MALE", "FEMALE");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  CreateContactPlan read(String account, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw CendynRejection.malformed(
          "the request body must be a JSON object with the contact's parameters");
    }
    return read(account, (ObjectNode) root, "", EmailValidationOptions.NONE);
  }

  /**
   * One contact of a request, whose members are named in messages below {@code prefix} ({@code
   * contacts[3].}), validated as a create request's body is.
   *
   * @param validation how the email is validated when the contact has no {@code email_validation}
   *     of its own
   */
  CreateContactPlan read(
      String account, ObjectNode root, String prefix, EmailValidationOptions validation) {
    BodyFields body = new BodyFields(root, prefix);
    String bodyAccount = body.text("account_id");
    if (bodyAccount != null && !bodyAccount.equals(account)) {
      throw CendynRejection.unprocessable(
          body.path("account_id")
              + " '"
              + bodyAccount
              + "' in the body is not the account '"
              + account
              + "' of the path");
    }
    String email = email(body);
    EmailValidationOptions emailValidation = EmailValidationOptions.read(body, validation);
    String emailProblem =
        email != null && emailValidation.validate() ? EmailAddress.problemWith(email) : null;
    if (emailProblem != null && !emailValidation.createIfInvalid()) {
      throw CendynRejection.unprocessable(
          body.path(EMAIL)
              + " '"
              + email
              + "' is not a valid email address: it "
              + emailProblem
              + " (set email_validation.create_if_invalid to create the contact anyway)");
    }
    PhoneParameters phone = PhoneParameters.read(body);
    if (email == null && !phone.isGiven()) {
      throw CendynRejection.unprocessable(
          "email or phone is required: give email, or phone_countrycode with"
              + " phone_number, or phone");
    }
    ContactKey key =
        new ContactKey(
            account,
            ContactAddress.DEFAULT_CONTACT_TYPE,
            email != null ? email.toLowerCase(Locale.ROOT) : phone.keyText());
    return new CreateContactPlan(key, data(body, root, email, phone), emailProblem);
  }

  /**
   * The email, stripped of surrounding white space. Without {@code email_validation.validate}
   * Cendyn takes any email, so only what the contact key needs is checked here, and an {@code @}:
   * phone keys never hold one, so an email can never be taken for a phone-only contact's key.
   */
  private static String email(BodyFields body) {
    String email = body.nonBlankText(EMAIL);
    if (email == null) {
      return null;
    }
    email = email.strip();
    // Length first: the messages below quote the email, and a create_bulk body may hold one of
    // megabytes, which a refusal must not echo back.
    if (email.getBytes(StandardCharsets.UTF_8).length > EmailAddress.MAX_OCTETS) {
      throw body.invalid(EMAIL, "is longer than " + EmailAddress.MAX_OCTETS + " octets");
    }
    String keyProblem = ContactKeyText.problemWith(email);
    if (keyProblem != null) {
      throw body.invalid(EMAIL, keyProblem);
    }
    if (email.indexOf('@') < 0) {
      throw body.invalid(EMAIL, "must contain an @, was '" + email + "'");
    }
    return email;
  }

  private static ContactData data(
      BodyFields body, ObjectNode root, String email, PhoneParameters phone) {
    return ContactData.newBuilder()
        .setFirstName(body.text("name_first"))
        .setLastName(body.text("name_last"))
        .setEmail(email)
        .setPhone(phone.full())
        .setPhoneCountryCode(phone.countryCode())
        .setPhoneNumber(phone.number())
        .setAddress(address(body))
        .setBirthDate(body.timestamp("born_date"))
        .setGender(gender(body))
        .setLanguage(language(body))
        .setSocialIds(socialIds(body))
        .setDeviceId(body.text("device_id"))
        .setUserId(body.text("user_id"))
        .setLastLatitude(body.number("last_latitude", -90, 90))
        .setLastLongitude(body.number("last_longitude", -180, 180))
        .setTags(body.texts("tags"))
        .setListSubscriptions(listSubscriptions(body))
        .setConsent(consent(body))
        .setCustomFields(customFields(root))
        .build();
  }

  private static PostalAddress address(BodyFields body) {
    PostalAddress address =
        PostalAddress.newBuilder()
            .setCity(body.text("city"))
            .setRegion(body.text("region"))
            .setZip(body.text("zip"))
            .setCountry(body.text("country"))
            .setFullAddress(body.text("full_address"))
            .build();
    return isEmpty(address) ? null : address;
  }

  private static String gender(BodyFields body) {
    String gender = body.text("gender");
    if (gender == null) {
      return null;
    }
    String canonical = gender.toUpperCase(Locale.ROOT);
    if (!GENDERS.contains(canonical)) {
      throw body.invalid("gender", "must be MALE or FEMALE, was '" + gender + "'");
    }
    return canonical;
  }

  /** ISO 639-1, accepted in either case and kept upper-case as Cendyn writes it ({@code ES}). */
  private static String language(BodyFields body) {
    String language = body.text("language");
    if (language == null) {
      return null;
    }
    if (language.length() != 2 || !LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
      throw body.invalid(
          "language",
          "must be a two-letter ISO 639-1 language code such as ES, was '" + language + "'");
    }
    return language.toUpperCase(Locale.ROOT);
  }

  private static SocialIds socialIds(BodyFields body) {
    SocialIds ids =
        SocialIds.newBuilder()
            .setFacebookId(body.text("facebook_id"))
            .setFacebookFriends(body.count("facebook_friends"))
            .setGoogleId(body.text("google_id"))
            .setTwitterId(body.text("twitter_id"))
            .setTwitterFollowers(body.count("twitter_followers"))
            .build();
    return isEmpty(ids) ? null : ids;
  }

  private static List<ListSubscription> listSubscriptions(BodyFields body) {
    ArrayNode array = body.array("list_subscriptions");
    if (array == null) {
      return null;
    }
    List<ListSubscription> subscriptions = new ArrayList<>(array.size());
    Set<String> listIds = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "list_subscriptions[" + i + "]";
      if (!array.get(i).isObject()) {
        throw CendynRejection.unprocessable(
            path + " must be a JSON object with list_id and subscribed");
      }
      BodyFields item = new BodyFields((ObjectNode) array.get(i), path + ".");
      item.refuseMembersOtherThan(List.of("list_id", "subscribed"));
      String listId = item.nonBlankText("list_id");
      Boolean subscribed = item.bool("subscribed");
      if (listId == null || subscribed == null) {
        throw CendynRejection.unprocessable(path + " needs both list_id and subscribed");
      }
      if (!listIds.add(listId)) {
        throw CendynRejection.unprocessable(path + " names list '" + listId + "' a second time");
      }
      subscriptions.add(new ListSubscription(listId, subscribed));
    }
    return subscriptions;
  }

  private static Consent consent(BodyFields body) {
    String remoteIp = body.text("gdpr_remote_ip");
    if (remoteIp != null && !IpAddressLiterals.isIpAddress(remoteIp)) {
      throw body.invalid(
          "gdpr_remote_ip", "must be an IPv4 or IPv6 address, was '" + remoteIp + "'");
    }
    Consent consent =
        Consent.newBuilder()
            .setGdprMarketingConsent(body.bool("gdpr_marketing_consent"))
            .setGdprAcceptTerms(body.bool("gdpr_accept_terms"))
            .setGdprDate(body.timestamp("gdpr_date"))
            .setGdprRemoteIp(remoteIp)
            .build();
    return isEmpty(consent) ? null : consent;
  }

  /** Whether no field of a nested record is set, so the record itself stays unset. */
  private static boolean isEmpty(SpecificRecord record) {
    for (int i = 0; i < record.getSchema().getFields().size(); i++) {
      if (record.get(i) != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every top-level key Cendyn does not document, in request order, its value kept as JSON text.
   */
  private static Map<String, String> customFields(ObjectNode root) {
    Map<String, String> fields = new LinkedHashMap<>();
    root.properties()
        .forEach(
            member -> {
              String name = member.getKey();
              if (PARAMETERS.contains(name)) {
                return;
              }
              if (RESERVED.contains(name)) {
                throw CendynRejection.unprocessable(
                    name + " is assigned by the API and cannot be given");
              }
              if (name.isBlank()) {
                throw CendynRejection.unprocessable(
                    "a custom field needs a name; the body has a blank key");
              }
              String problem = StorableText.problemWith(name);
              if (problem == null) {
                problem = CustomFieldText.problemWithin(member.getValue());
              }
              if (problem != null) {
                throw CendynRejection.unprocessable("custom field '" + name + "' " + problem);
              }
              fields.put(name, CustomFieldText.of(member.getValue()));
            });
    return fields.isEmpty() ? null : fields;
  }
}
