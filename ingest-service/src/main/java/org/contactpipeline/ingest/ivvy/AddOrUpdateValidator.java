package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.contactpipeline.ingest.contact.CustomFieldText;
import org.contactpipeline.ingest.contact.EmailAddress;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ExternalUrl;

/**
 * Applies the {@code addOrUpdateContact} contract to a call's parameters, in the order the vendor's
 * reference lists them, and stops at the first one that fails: iVvy names only the first offending
 * parameter (23017 when a required one is missing, 23016 when one does not validate). What passes
 * becomes the contact's changes; what the request leaves out stays null, so the resolver leaves it
 * as it is.
 */
final class AddOrUpdateValidator {

  /**
   * Email subscription statuses a call may set (4, Registering, is iVvy's own and cannot be set).
   */
  private static final Map<Integer, String> EMAIL_STATUSES =
      Map.of(1, "Subscribed", 2, "Unsubscribed", 3, "Bounced", 5, "No Marketing");

  private static final Map<Integer, String> SMS_STATUSES =
      Map.of(1, "Subscribed", 2, "Unsubscribed", 3, "Failed", 4, "No Marketing");
  static final int MAX_EXTERNAL_URLS = 3;

  private final IvvyDefinitions definitions;

  AddOrUpdateValidator(IvvyDefinitions definitions) {
    this.definitions = definitions;
  }

  IvvyContactChange validate(String tenant, Params params) {
    ContactData.Builder changes = ContactData.newBuilder();
    changes.setExternalId(params.text("externalId", false));
    Long id = positiveId(params);
    boolean adding = id == null;
    changes.setFirstName(name(params, "firstName", adding));
    changes.setLastName(name(params, "lastName", adding));
    String email = name(params, "email", adding);
    String emailProblem = email == null ? null : EmailAddress.problemWith(email);
    if (emailProblem != null) {
      throw IvvyRejection.invalid(
          params.path("email"), "Value must be a valid email address; it " + emailProblem);
    }
    changes.setEmail(email);
    changes.setPhone(params.text("phone", false));
    changes.setGroups(groups(params));
    TenantDefinitions tenantDefinitions = definitions.of(tenant);
    changes.setCustomFields(customFields(params, tenantDefinitions));
    changes.setCompanies(companies(params, tenantDefinitions));
    changes.setEmailStatus(status(params, "status", EMAIL_STATUSES));
    changes.setSmsStatus(status(params, "smsStatus", SMS_STATUSES));
    Boolean updateIfExists = params.bool("updateIfExists");
    boolean clearExternalUrls =
        !params.isAbsent("externalUrls") && params.raw("externalUrls").isNull();
    changes.setExternalUrls(externalUrls(params));
    Boolean privacyConsent = params.bool("privacyConsent");
    if (privacyConsent != null) {
      changes.setConsent(Consent.newBuilder().setPrivacyConsent(privacyConsent).build());
    }
    return new IvvyContactChange(
        tenant, id, email, Boolean.TRUE.equals(updateIfExists), clearExternalUrls, changes.build());
  }

  /** The {@code id} to update; absent, null or empty ("leave empty to add") means add. */
  private static Long positiveId(Params params) {
    Long id = params.wholeNumber("id");
    if (id != null && id <= 0) {
      throw IvvyRejection.invalid(params.path("id"), "Value must be a positive whole number");
    }
    return id;
  }

  /** Names and email: required when adding, and never blank when given to an update. */
  private static String name(Params params, String parameter, boolean required) {
    String value = params.text(parameter, required);
    if (value != null && value.isBlank()) {
      throw IvvyRejection.invalid(params.path(parameter), "Value must not be empty");
    }
    return value;
  }

  private static List<Long> groups(Params params) {
    JsonNode groups = params.raw("groups");
    if (groups == null || groups.isNull()) {
      return null;
    }
    if (!groups.isArray()) {
      throw IvvyRejection.invalid(
          params.path("groups"), "Value must be an array of group objects with a 'groupId' key");
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      Params group =
          element(
              groups.get(i),
              params.path("groups[" + i + "]"),
              "a group object with a 'groupId' key");
      Long groupId = group.wholeNumber("groupId");
      if (groupId == null) {
        throw IvvyRejection.missing(group.path("groupId"));
      }
      if (groupId <= 0) {
        throw IvvyRejection.invalid(group.path("groupId"), "Value must be a positive whole number");
      }
      ids.add(groupId);
    }
    return List.copyOf(ids);
  }

  private static Map<String, String> customFields(Params params, TenantDefinitions tenant) {
    JsonNode fields = params.raw("customFields");
    if (fields == null || fields.isNull()) {
      return null;
    }
    if (!fields.isArray()) {
      throw IvvyRejection.invalid(
          params.path("customFields"),
          "Value must be an array of custom field objects with 'fieldId' and 'value' keys");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Params field =
          element(
              fields.get(i),
              params.path("customFields[" + i + "]"),
              "a custom field object with 'fieldId' and 'value' keys");
      Long fieldId = field.wholeNumber("fieldId");
      if (fieldId == null) {
        throw IvvyRejection.missing(field.path("fieldId"));
      }
      CustomFieldDefinition definition =
          tenant
              .customField(fieldId)
              .orElseThrow(
                  () ->
                      IvvyRejection.invalid(
                          field.path("fieldId"), "Custom field " + fieldId + " does not exist"));
      if (values.containsKey(Long.toString(fieldId))) {
        throw IvvyRejection.invalid(
            field.path("fieldId"), "Custom field " + fieldId + " is given more than once");
      }
      JsonNode value = field.raw("value");
      if (value == null) {
        throw IvvyRejection.missing(field.path("value"));
      }
      String problem = definition.type().problemWith(value, definition);
      if (problem != null) {
        throw IvvyRejection.invalid(field.path("value"), problem);
      }
      values.put(Long.toString(fieldId), CustomFieldText.of(definition.type().normalize(value)));
    }
    return values;
  }

  private static List<Long> companies(Params params, TenantDefinitions tenant) {
    JsonNode companies = params.raw("companies");
    if (companies == null || companies.isNull()) {
      return null;
    }
    if (!companies.isArray()) {
      throw IvvyRejection.invalid(
          params.path("companies"), "Value must be an array of company ids");
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < companies.size(); i++) {
      Long companyId = Params.wholeNumberOf(companies.get(i));
      if (companyId == null) {
        throw IvvyRejection.invalid(
            params.path("companies[" + i + "]"), "Value must be a whole number");
      }
      if (!tenant.hasCompany(companyId)) {
        throw IvvyRejection.invalid(
            params.path("companies[" + i + "]"), "Company " + companyId + " does not exist");
      }
      ids.add(companyId);
    }
    return List.copyOf(ids);
  }

  private static Integer status(Params params, String parameter, Map<Integer, String> allowed) {
    Long status = params.wholeNumber(parameter);
    if (status == null) {
      return null;
    }
    if (status < Integer.MIN_VALUE
        || status > Integer.MAX_VALUE
        || !allowed.containsKey(status.intValue())) {
      throw IvvyRejection.invalid(
          params.path(parameter), "Value must be one of " + describe(allowed));
    }
    return status.intValue();
  }

  private static String describe(Map<Integer, String> allowed) {
    List<String> choices = new ArrayList<>();
    allowed.keySet().stream()
        .sorted()
        .forEach(code -> choices.add(code + " (" + allowed.get(code) + ")"));
    return String.join(", ", choices);
  }

  /**
   * The URLs to merge by {@code ref}; a null {@code url} (or none) removes that ref. An explicit
   * {@code externalUrls: null} is handled by the caller as "remove all" and yields no entries.
   */
  private static List<ExternalUrl> externalUrls(Params params) {
    JsonNode urls = params.raw("externalUrls");
    if (urls == null || urls.isNull()) {
      return null;
    }
    if (!urls.isArray()) {
      throw IvvyRejection.invalid(
          params.path("externalUrls"), "Value must be an array of External URL objects, or null");
    }
    if (urls.size() > MAX_EXTERNAL_URLS) {
      throw IvvyRejection.invalid(
          params.path("externalUrls"),
          "A maximum of "
              + MAX_EXTERNAL_URLS
              + " External URL objects is allowed; "
              + urls.size()
              + " were given");
    }
    List<ExternalUrl> entries = new ArrayList<>();
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < urls.size(); i++) {
      Params entry =
          element(
              urls.get(i),
              params.path("externalUrls[" + i + "]"),
              "an External URL object with a 'ref' key");
      String ref = entry.text("ref", true);
      if (!refs.add(ref)) {
        throw IvvyRejection.invalid(
            entry.path("ref"), "Reference '" + ref + "' is given more than once");
      }
      String url = entry.text("url", false);
      if (url != null && !isHttpsUrl(url)) {
        throw IvvyRejection.invalid(
            entry.path("url"), "Value must be an https URL, e.g. https://example.com, or null");
      }
      entries.add(new ExternalUrl(ref, url, entry.text("label", false)));
    }
    return entries;
  }

  private static boolean isHttpsUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null
          && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Params element(JsonNode element, String path, String expected) {
    if (element == null || !element.isObject()) {
      throw IvvyRejection.invalid(path, "Value must be " + expected);
    }
    return Params.nested(element, path);
  }
}
