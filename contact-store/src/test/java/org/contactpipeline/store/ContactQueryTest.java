package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactQueryTest {

  @Test
  void shouldLeaveEveryCriterionItDoesNotNameUnset() {
    ContactQuery query = ContactQuery.of("tenant-a").email("a@example.com").limit(10).build();

    assertThat(query)
        .isEqualTo(
            new ContactQuery(
                "tenant-a",
                "a@example.com",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                10));
  }

  @Test
  void shouldSetEachCriterionItNames() {
    Instant after = Instant.parse("2024-01-01T00:00:00Z");
    Instant before = Instant.parse("2024-02-01T00:00:00Z");

    ContactQuery query =
        ContactQuery.of("tenant-a")
            .email("a@example.com")
            .firstName("Ada")
            .lastName("Lovelace")
            .phone("+441234")
            .phoneCountryCode("44")
            .phoneNumber("1234")
            .userId("u-ada")
            .deviceId("d-ada")
            .externalId("x-ada")
            .updatedAfter(after)
            .updatedBefore(before)
            .contactIdFrom(7L)
            .offset(20)
            .limit(10)
            .build();

    assertThat(query)
        .isEqualTo(
            new ContactQuery(
                "tenant-a",
                "a@example.com",
                "Ada",
                "Lovelace",
                "+441234",
                "44",
                "1234",
                "u-ada",
                "d-ada",
                "x-ada",
                after,
                before,
                7L,
                20,
                10));
  }

  @Test
  void shouldListEveryContactOfATenantFromTheFirstPage() {
    assertThat(ContactQuery.allOf("tenant-a", 5))
        .isEqualTo(ContactQuery.of("tenant-a").limit(5).build());
  }

  @Test
  void shouldRefuseANullTenant() {
    assertThatThrownBy(() -> ContactQuery.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
    assertThatThrownBy(
            () ->
                new ContactQuery(
                    null, null, null, null, null, null, null, null, null, null, null, null, null, 0,
                    1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
  }

  @Test
  void shouldRefuseANegativeOffset() {
    assertThatThrownBy(() -> ContactQuery.of("tenant-a").offset(-1).limit(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must not be negative, was -1");
  }

  @Test
  void shouldRefuseANegativeLimit() {
    assertThatThrownBy(() -> ContactQuery.of("tenant-a").limit(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must not be negative, was -1");
  }

  @Test
  void shouldAcceptALimitOfZeroForTheTotalAlone() {
    assertThat(ContactQuery.of("tenant-a").limit(0).build().limit()).isZero();
  }

  @Test
  void shouldRefuseToBuildWithoutALimit() {
    assertThatThrownBy(() -> ContactQuery.of("tenant-a").email("a@example.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("limit must be given");
  }
}
