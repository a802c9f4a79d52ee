package org.contactpipeline.resolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.contactpipeline.schemas.ContactDataBudget;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ExternalUrl;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.contactpipeline.schemas.avro.PostalAddress;
import org.contactpipeline.schemas.avro.SocialIds;

/**
 * How a command's changes apply to a contact's data: the one definition of every field's merge
 * rule, documented on {@code ContactData}. A null change leaves a field as it is; scalars are
 * overwritten; address, social ids and consent merge field by field; groups, companies and tags are
 * replaced; custom fields, list subscriptions, external URLs and attribute sets merge by their own
 * key. The inputs are never modified.
 */
final class ContactDataMerge {

  /** Most external URLs one contact may have (iVvy's limit). */
  static final int MAX_EXTERNAL_URLS = 3;

  /** Largest encoded contact data ({@link ContactDataBudget}). */
  static final int MAX_ENCODED_BYTES = ContactDataBudget.MAX_ENCODED_BYTES;

  private ContactDataMerge() {}

  /** {@code current} (null for a new contact) with {@code changes} applied. */
  static ContactData apply(ContactData current, ContactData changes, boolean clearExternalUrls) {
    ContactData merged =
        current == null ? new ContactData() : ContactData.newBuilder(current).build();
    if (clearExternalUrls) {
      merged.setExternalUrls(null);
    }
    if (changes == null) {
      return merged;
    }
    overwrite(changes, merged, ContactData::getFirstName, ContactData::setFirstName);
    overwrite(changes, merged, ContactData::getLastName, ContactData::setLastName);
    overwrite(changes, merged, ContactData::getEmail, ContactData::setEmail);
    overwrite(changes, merged, ContactData::getPhone, ContactData::setPhone);
    overwrite(changes, merged, ContactData::getPhoneCountryCode, ContactData::setPhoneCountryCode);
    overwrite(changes, merged, ContactData::getPhoneNumber, ContactData::setPhoneNumber);
    overwrite(changes, merged, ContactData::getBirthDate, ContactData::setBirthDate);
    overwrite(changes, merged, ContactData::getGender, ContactData::setGender);
    overwrite(changes, merged, ContactData::getLanguage, ContactData::setLanguage);
    overwrite(changes, merged, ContactData::getDeviceId, ContactData::setDeviceId);
    overwrite(changes, merged, ContactData::getUserId, ContactData::setUserId);
    overwrite(changes, merged, ContactData::getLastLatitude, ContactData::setLastLatitude);
    overwrite(changes, merged, ContactData::getLastLongitude, ContactData::setLastLongitude);
    overwrite(changes, merged, ContactData::getEmailStatus, ContactData::setEmailStatus);
    overwrite(changes, merged, ContactData::getSmsStatus, ContactData::setSmsStatus);
    overwrite(changes, merged, ContactData::getExternalId, ContactData::setExternalId);
    overwrite(changes, merged, ContactData::getGroups, ContactData::setGroups);
    overwrite(changes, merged, ContactData::getCompanies, ContactData::setCompanies);
    overwrite(changes, merged, ContactData::getTags, ContactData::setTags);
    if (changes.getAddress() != null) {
      merged.setAddress(address(merged.getAddress(), changes.getAddress()));
    }
    if (changes.getSocialIds() != null) {
      merged.setSocialIds(socialIds(merged.getSocialIds(), changes.getSocialIds()));
    }
    if (changes.getConsent() != null) {
      merged.setConsent(consent(merged.getConsent(), changes.getConsent()));
    }
    if (changes.getCustomFields() != null) {
      Map<String, String> fields =
          merged.getCustomFields() == null
              ? new HashMap<>()
              : new HashMap<>(merged.getCustomFields());
      fields.putAll(changes.getCustomFields());
      merged.setCustomFields(fields);
    }
    if (changes.getListSubscriptions() != null) {
      merged.setListSubscriptions(
          mergeBy(
              merged.getListSubscriptions(),
              changes.getListSubscriptions(),
              ListSubscription::getListId,
              (kept, change) -> kept.put(change.getListId(), change)));
    }
    if (changes.getExternalUrls() != null) {
      merged.setExternalUrls(
          mergeBy(
              merged.getExternalUrls(),
              changes.getExternalUrls(),
              ExternalUrl::getRef,
              (kept, change) -> {
                if (change.getUrl() == null) {
                  kept.remove(change.getRef());
                } else {
                  kept.put(change.getRef(), change);
                }
              }));
    }
    if (changes.getAttributeSets() != null) {
      merged.setAttributeSets(
          mergeBy(
              merged.getAttributeSets(),
              changes.getAttributeSets(),
              AttributeSet::getName,
              (kept, change) ->
                  kept.merge(change.getName(), change, ContactDataMerge::attributeSet)));
    }
    return merged;
  }

  /**
   * Why {@code data} may not be stored, or null when it may.
   *
   * @param goldenRecordBytes the encoded size of the golden record that would hold it, which bounds
   *     the data's own from above: only a record over the budget has its data encoded on its own
   */
  static String problemWith(ContactData data, int goldenRecordBytes) {
    if (data.getExternalUrls() != null && data.getExternalUrls().size() > MAX_EXTERNAL_URLS) {
      return "a contact has at most "
          + MAX_EXTERNAL_URLS
          + " external URLs; this change would leave "
          + data.getExternalUrls().size();
    }
    if (goldenRecordBytes <= MAX_ENCODED_BYTES) {
      return null;
    }
    int size = ContactDataBudget.encodedSize(data);
    if (size > MAX_ENCODED_BYTES) {
      return "a contact's data may take at most "
          + MAX_ENCODED_BYTES / 1024
          + " KiB; this change would make it "
          + size / 1024
          + " KiB";
    }
    return null;
  }

  private static <R, T> void overwrite(
      R changes, R merged, Function<R, T> get, BiConsumer<R, T> set) {
    T value = get.apply(changes);
    if (value != null) {
      set.accept(merged, value);
    }
  }

  /** Merges {@code changes} into {@code current} by key, keeping first-seen order. */
  private static <T> List<T> mergeBy(
      List<T> current,
      List<T> changes,
      Function<T, String> keyOf,
      BiConsumer<Map<String, T>, T> applyChange) {
    Map<String, T> kept = new LinkedHashMap<>();
    if (current != null) {
      current.forEach(item -> kept.put(keyOf.apply(item), item));
    }
    changes.forEach(change -> applyChange.accept(kept, change));
    return new ArrayList<>(kept.values());
  }

  /**
   * Single-item sets merge value by value (a PATCH of one attribute keeps the others); else
   * replace.
   */
  private static AttributeSet attributeSet(AttributeSet current, AttributeSet change) {
    if (current.getItems().size() != 1 || change.getItems().size() != 1) {
      return change;
    }
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    current.getItems().get(0).getValues().forEach(value -> values.put(value.getName(), value));
    change.getItems().get(0).getValues().forEach(value -> values.put(value.getName(), value));
    return new AttributeSet(
        change.getName(), List.of(new AttributeItem(new ArrayList<>(values.values()))));
  }

  private static PostalAddress address(PostalAddress current, PostalAddress change) {
    PostalAddress base =
        current == null ? new PostalAddress() : PostalAddress.newBuilder(current).build();
    overwrite(change, base, PostalAddress::getCity, PostalAddress::setCity);
    overwrite(change, base, PostalAddress::getRegion, PostalAddress::setRegion);
    overwrite(change, base, PostalAddress::getZip, PostalAddress::setZip);
    overwrite(change, base, PostalAddress::getCountry, PostalAddress::setCountry);
    overwrite(change, base, PostalAddress::getFullAddress, PostalAddress::setFullAddress);
    return base;
  }

  private static SocialIds socialIds(SocialIds current, SocialIds change) {
    SocialIds base = current == null ? new SocialIds() : SocialIds.newBuilder(current).build();
    overwrite(change, base, SocialIds::getFacebookId, SocialIds::setFacebookId);
    overwrite(change, base, SocialIds::getFacebookFriends, SocialIds::setFacebookFriends);
    overwrite(change, base, SocialIds::getGoogleId, SocialIds::setGoogleId);
    overwrite(change, base, SocialIds::getTwitterId, SocialIds::setTwitterId);
    overwrite(change, base, SocialIds::getTwitterFollowers, SocialIds::setTwitterFollowers);
    return base;
  }

  private static Consent consent(Consent current, Consent change) {
    Consent base = current == null ? new Consent() : Consent.newBuilder(current).build();
    overwrite(change, base, Consent::getPrivacyConsent, Consent::setPrivacyConsent);
    overwrite(change, base, Consent::getGdprMarketingConsent, Consent::setGdprMarketingConsent);
    overwrite(change, base, Consent::getGdprAcceptTerms, Consent::setGdprAcceptTerms);
    overwrite(change, base, Consent::getGdprDate, Consent::setGdprDate);
    overwrite(change, base, Consent::getGdprRemoteIp, Consent::setGdprRemoteIp);
    return base;
  }
}
