package org.contactpipeline.vendor.cendyn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.contactpipeline.schemas.avro.PostalAddress;
import org.contactpipeline.schemas.avro.SocialIds;

/**
 * A contact as Cendyn shows it, for the create echo and the list alike: {@code id} (our contact ID
 * as a decimal string) and then only the fields that are set, first in the order of Cendyn's own
 * example response ({@code name_first, name_last, phone_countrycode, phone_number, email, tags}),
 * then the other parameters in the order of its reference, then custom fields by name with their
 * JSON values. Dates are ISO-8601 instants ({@code 1990-01-01T00:00:00Z}).
 */
public final class CendynContactView {

  private final ObjectMapper json;

  public CendynContactView(ObjectMapper json) {
    this.json = json;
  }

  public ObjectNode render(long contactId, ContactData data) {
    ObjectNode view = json.createObjectNode();
    view.put("id", Long.toString(contactId));
    if (data == null) {
      return view;
    }
    text(view, "name_first", data.getFirstName());
    text(view, "name_last", data.getLastName());
    text(view, "phone_countrycode", data.getPhoneCountryCode());
    text(view, "phone_number", data.getPhoneNumber());
    text(view, "email", data.getEmail());
    if (data.getTags() != null) {
      ArrayNode tags = view.putArray("tags");
      data.getTags().forEach(tags::add);
    }
    text(view, "device_id", data.getDeviceId());
    text(view, "phone", data.getPhone());
    address(view, data.getAddress());
    timestamp(view, "born_date", data.getBirthDate());
    text(view, "gender", data.getGender());
    text(view, "language", data.getLanguage());
    text(view, "user_id", data.getUserId());
    socialIds(view, data.getSocialIds());
    if (data.getConsent() != null) {
      timestamp(view, "gdpr_date", data.getConsent().getGdprDate());
    }
    if (data.getLastLatitude() != null) {
      view.put("last_latitude", data.getLastLatitude());
    }
    if (data.getLastLongitude() != null) {
      view.put("last_longitude", data.getLastLongitude());
    }
    if (data.getListSubscriptions() != null) {
      ArrayNode lists = view.putArray("list_subscriptions");
      for (ListSubscription subscription : data.getListSubscriptions()) {
        lists
            .addObject()
            .put("list_id", subscription.getListId())
            .put("subscribed", subscription.getSubscribed());
      }
    }
    consent(view, data.getConsent());
    customFields(view, data.getCustomFields());
    return view;
  }

  private static void address(ObjectNode view, PostalAddress address) {
    if (address != null) {
      text(view, "city", address.getCity());
      text(view, "country", address.getCountry());
      text(view, "region", address.getRegion());
      text(view, "zip", address.getZip());
      text(view, "full_address", address.getFullAddress());
    }
  }

  private static void socialIds(ObjectNode view, SocialIds ids) {
    if (ids != null) {
      text(view, "facebook_id", ids.getFacebookId());
      if (ids.getFacebookFriends() != null) {
        view.put("facebook_friends", ids.getFacebookFriends());
      }
      text(view, "google_id", ids.getGoogleId());
      text(view, "twitter_id", ids.getTwitterId());
      if (ids.getTwitterFollowers() != null) {
        view.put("twitter_followers", ids.getTwitterFollowers());
      }
    }
  }

  private static void consent(ObjectNode view, Consent consent) {
    if (consent != null) {
      if (consent.getGdprMarketingConsent() != null) {
        view.put("gdpr_marketing_consent", consent.getGdprMarketingConsent());
      }
      if (consent.getGdprAcceptTerms() != null) {
        view.put("gdpr_accept_terms", consent.getGdprAcceptTerms());
      }
      text(view, "gdpr_remote_ip", consent.getGdprRemoteIp());
    }
  }

  /**
   * Custom fields after the documented ones, sorted by name (the map's order does not survive
   * Avro). A name that collides with a documented field comes from another vendor's API (iVvy field
   * ids are numbers, so in practice never) and is left out rather than overwrite the real field.
   */
  private void customFields(ObjectNode view, Map<String, String> fields) {
    if (fields == null) {
      return;
    }
    new TreeMap<>(fields)
        .forEach(
            (name, value) -> {
              if (!view.has(name)) {
                view.set(name, jsonValue(value));
              }
            });
  }

  /**
   * A custom field's JSON text as JSON; text another writer stored that is not JSON, as a string.
   */
  private JsonNode jsonValue(String text) {
    try {
      JsonNode value = json.readTree(text);
      return value == null || value.isMissingNode() ? json.getNodeFactory().textNode(text) : value;
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }

  private static void text(ObjectNode view, String name, String value) {
    if (value != null) {
      view.put(name, value);
    }
  }

  private static void timestamp(ObjectNode view, String name, Instant value) {
    if (value != null) {
      view.put(name, value.toString());
    }
  }
}
