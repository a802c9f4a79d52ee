package org.contactpipeline.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Criteria for listing a tenant's contacts. A null criterion matches everything; the set ones must
 * all match. Results come in ascending contact ID order.
 *
 * @param email matched case-insensitively
 * @param firstName matched exactly
 * @param lastName matched exactly
 * @param updatedAfter only contacts last changed strictly after this instant
 * @param updatedBefore only contacts last changed strictly before this instant
 * @param contactIdFrom only contacts whose ID is at least this
 * @param offset matches to skip, for offset paging
 * @param limit most contacts to return
 */
public record ContactQuery(
    String tenant,
    String email,
    String firstName,
    String lastName,
    String phone,
    String phoneCountryCode,
    String phoneNumber,
    String userId,
    String deviceId,
    String externalId,
    Instant updatedAfter,
    Instant updatedBefore,
    Long contactIdFrom,
    int offset,
    int limit) {

  public ContactQuery {
    Objects.requireNonNull(tenant, "tenant");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
  }

  /** Every contact of a tenant, first page of {@code limit}. */
  public static ContactQuery allOf(String tenant, int limit) {
    return new ContactQuery(
        tenant, null, null, null, null, null, null, null, null, null, null, null, null, 0, limit);
  }

  public ContactQuery withEmail(String value) {
    return new ContactQuery(
        tenant,
        value,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withNames(String first, String last) {
    return new ContactQuery(
        tenant,
        email,
        first,
        last,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withPhone(String full, String countryCode, String number) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        full,
        countryCode,
        number,
        userId,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withUserId(String value) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        value,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withDeviceId(String value) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        value,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withExternalId(String value) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        value,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withUpdatedBetween(Instant after, Instant before) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        externalId,
        after,
        before,
        contactIdFrom,
        offset,
        limit);
  }

  public ContactQuery withContactIdFrom(Long value) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        value,
        offset,
        limit);
  }

  public ContactQuery withPage(int skip, int max) {
    return new ContactQuery(
        tenant,
        email,
        firstName,
        lastName,
        phone,
        phoneCountryCode,
        phoneNumber,
        userId,
        deviceId,
        externalId,
        updatedAfter,
        updatedBefore,
        contactIdFrom,
        skip,
        max);
  }
}
