package org.contactpipeline.ingest.marketingcloud;

import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.DEVICE_ID;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.EMAIL_ADDRESS;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.EMAIL_ADDRESSES;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.EMAIL_DEMOGRAPHICS;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.FIRST_NAME;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.LAST_NAME;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.LOCALE;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.MOBILE_CONNECT_DEMOGRAPHICS;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.MOBILE_NUMBER;
import static org.contactpipeline.ingest.marketingcloud.ContactDataModel.MOBILE_PUSH_DEMOGRAPHICS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.PostalAddress;

/**
 * Where Marketing Cloud attributes meet the profile fields every API shares, so the person made
 * here is the same person iVvy and Cendyn CRM read and update:
 *
 * <ul>
 *   <li>Email Addresses / Email Address ⇄ {@code email}
 *   <li>Email Demographics / First Name ⇄ {@code firstName}, Last Name ⇄ {@code lastName}
 *   <li>MobileConnect Demographics / Mobile Number ⇄ {@code phone} (as given)
 *   <li>MobilePush Demographics / Device ID ⇄ {@code deviceId}
 *   <li>MobileConnect Demographics / Locale → {@code address.country} (its ISO 3166 country code)
 * </ul>
 *
 * Writing ({@link #changesFor}), a request's sets are stored as given in {@code
 * ContactData.attributeSets} and the mapped values are copied into the profile fields. Reading
 * ({@link #attributeSetsOf}), the profile fields win over the stored attribute values (another API
 * may have changed them since), and a contact made by another API shows the sets its profile fields
 * imply. Locale maps one way only: a country alone cannot restore its language. A null attribute
 * value leaves its profile field as it is (a null change means "unchanged").
 */
final class ProfileMapping {

  /** An attribute that is the same thing as a profile field, both ways. */
  private record Field(
      String set,
      String attribute,
      Function<ContactData, String> read,
      BiConsumer<ContactData, String> write) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field(EMAIL_ADDRESSES, EMAIL_ADDRESS, ContactData::getEmail, ContactData::setEmail),
          new Field(
              EMAIL_DEMOGRAPHICS, FIRST_NAME, ContactData::getFirstName, ContactData::setFirstName),
          new Field(
              EMAIL_DEMOGRAPHICS, LAST_NAME, ContactData::getLastName, ContactData::setLastName),
          new Field(
              MOBILE_CONNECT_DEMOGRAPHICS,
              MOBILE_NUMBER,
              ContactData::getPhone,
              ContactData::setPhone),
          new Field(
              MOBILE_PUSH_DEMOGRAPHICS,
              DEVICE_ID,
              ContactData::getDeviceId,
              ContactData::setDeviceId));

  private ProfileMapping() {}

  /** The changes of a validated request: its sets, and the profile fields they imply. */
  static ContactData changesFor(List<AttributeSet> sets) {
    ContactData changes = new ContactData();
    changes.setAttributeSets(List.copyOf(sets));
    for (AttributeSet set : sets) {
      for (AttributeValue value : set.getItems().get(0).getValues()) {
        if (value.getValue() == null) {
          continue;
        }
        for (Field field : FIELDS) {
          if (field.set().equals(set.getName()) && field.attribute().equals(value.getName())) {
            field.write().accept(changes, value.getValue().toString());
          }
        }
        if (set.getName().equals(MOBILE_CONNECT_DEMOGRAPHICS) && value.getName().equals(LOCALE)) {
          changes.setAddress(
              PostalAddress.newBuilder()
                  .setCountry(AttributeType.countryOf(value.getValue().toString()))
                  .build());
        }
      }
    }
    return changes;
  }

  /** A stored contact's attribute sets as Marketing Cloud shows them, profile fields applied. */
  static List<AttributeSet> attributeSetsOf(ContactData data) {
    Map<String, AttributeSet> sets = new LinkedHashMap<>();
    if (data == null) {
      return List.of();
    }
    if (data.getAttributeSets() != null) {
      data.getAttributeSets().forEach(set -> sets.put(set.getName(), set));
    }
    for (Field field : FIELDS) {
      String profileValue = field.read().apply(data);
      if (profileValue != null) {
        sets.compute(
            field.set(), (name, set) -> withValue(name, set, field.attribute(), profileValue));
      }
    }
    return new ArrayList<>(sets.values());
  }

  private static AttributeSet withValue(
      String setName, AttributeSet set, String attribute, String value) {
    if (set == null) {
      return new AttributeSet(
          setName, List.of(new AttributeItem(List.of(new AttributeValue(attribute, value)))));
    }
    if (set.getItems().size() != 1) {
      // A multi-row set has no single value to overlay.
      return set;
    }
    List<AttributeValue> values = new ArrayList<>();
    boolean present = false;
    for (AttributeValue existing : set.getItems().get(0).getValues()) {
      if (existing.getName().equals(attribute)) {
        present = true;
        values.add(
            Objects.equals(existing.getValue(), value)
                ? existing
                : new AttributeValue(attribute, value));
      } else {
        values.add(existing);
      }
    }
    if (!present) {
      values.add(new AttributeValue(attribute, value));
    }
    return new AttributeSet(setName, List.of(new AttributeItem(values)));
  }
}
