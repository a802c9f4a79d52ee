package org.contactpipeline.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Criteria for listing a tenant's contacts. A null criterion matches everything; the set ones must
 * all match. Results come in ascending contact ID order. Built with {@link #of}, naming only the
 * criteria a query sets: {@code ContactQuery.of(tenant).email(address).limit(10).build()}.
 *
 * @param tenant whose contacts; never null
 * @param email matched case-insensitively
 * @param firstName matched exactly
 * @param lastName matched exactly
 * @param phone the full phone number, matched exactly
 * @param phoneCountryCode matched exactly
 * @param phoneNumber the phone number without its country code, matched exactly
 * @param userId matched exactly
 * @param deviceId matched exactly
 * @param externalId matched exactly
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

  /** A query of {@code tenant}'s contacts, matching all of them until criteria are set. */
  public static Builder of(String tenant) {
    return new Builder(tenant);
  }

  /** Every contact of a tenant, first page of {@code limit}. */
  public static ContactQuery allOf(String tenant, int limit) {
    return of(tenant).limit(limit).build();
  }

  /**
   * The criteria of one query, each left unset (null) unless named. The page size has no default:
   * {@link #limit} must be given, since a forgotten limit would read as an empty page.
   */
  public static final class Builder {

    private final String tenant;
    private String email;
    private String firstName;
    private String lastName;
    private String phone;
    private String phoneCountryCode;
    private String phoneNumber;
    private String userId;
    private String deviceId;
    private String externalId;
    private Instant updatedAfter;
    private Instant updatedBefore;
    private Long contactIdFrom;
    private int offset;
    private Integer limit;

    private Builder(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    /** Matched case-insensitively. */
    public Builder email(String value) {
      this.email = value;
      return this;
    }

    /** Matched exactly. */
    public Builder firstName(String value) {
      this.firstName = value;
      return this;
    }

    /** Matched exactly. */
    public Builder lastName(String value) {
      this.lastName = value;
      return this;
    }

    /** The full phone number, matched exactly. */
    public Builder phone(String value) {
      this.phone = value;
      return this;
    }

    /** Matched exactly. */
    public Builder phoneCountryCode(String value) {
      this.phoneCountryCode = value;
      return this;
    }

    /** The phone number without its country code, matched exactly. */
    public Builder phoneNumber(String value) {
      this.phoneNumber = value;
      return this;
    }

    /** Matched exactly. */
    public Builder userId(String value) {
      this.userId = value;
      return this;
    }

    /** Matched exactly. */
    public Builder deviceId(String value) {
      this.deviceId = value;
      return this;
    }

    /** Matched exactly. */
    public Builder externalId(String value) {
      this.externalId = value;
      return this;
    }

    /** Only contacts last changed strictly after this instant. */
    public Builder updatedAfter(Instant value) {
      this.updatedAfter = value;
      return this;
    }

    /** Only contacts last changed strictly before this instant. */
    public Builder updatedBefore(Instant value) {
      this.updatedBefore = value;
      return this;
    }

    /** Only contacts whose ID is at least this. */
    public Builder contactIdFrom(Long value) {
      this.contactIdFrom = value;
      return this;
    }

    /** Matches to skip, for offset paging; 0 unless given. */
    public Builder offset(int value) {
      this.offset = value;
      return this;
    }

    /** Most contacts to return. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /**
     * The query, checked as every {@link ContactQuery} is.
     *
     * @throws IllegalStateException when no {@link #limit} was given
     */
    public ContactQuery build() {
      if (limit == null) {
        throw new IllegalStateException("limit must be given");
      }
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
          offset,
          limit);
    }
  }
}
