package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.contactpipeline.schemas.ContactDataBudget;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ExternalUrl;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.contactpipeline.schemas.avro.PostalAddress;
import org.junit.jupiter.api.Test;

class ContactDataMergeTest {

  @Test
  void shouldLeaveFieldsTheChangesDoNotSetAndOverwriteThoseTheySet() {
    ContactData current =
        ContactData.newBuilder().setFirstName("Ann").setEmail("ann@example.com").build();
    ContactData changes = ContactData.newBuilder().setEmail("ann@new.example.com").build();

    ContactData merged = ContactDataMerge.apply(current, changes, false);

    assertThat(merged.getFirstName()).isEqualTo("Ann");
    assertThat(merged.getEmail()).isEqualTo("ann@new.example.com");
    assertThat(current.getEmail()).as("input untouched").isEqualTo("ann@example.com");
  }

  @Test
  void shouldReplaceGroupsCompaniesAndTagsWhole() {
    ContactData current =
        ContactData.newBuilder().setGroups(List.of(1L, 2L)).setTags(List.of("a", "b")).build();
    ContactData changes =
        ContactData.newBuilder().setGroups(List.of(10L)).setTags(List.of()).build();

    ContactData merged = ContactDataMerge.apply(current, changes, false);

    assertThat(merged.getGroups()).containsExactly(10L);
    assertThat(merged.getTags()).isEmpty();
  }

  @Test
  void shouldMergeAddressAndConsentFieldByField() {
    ContactData current =
        ContactData.newBuilder()
            .setAddress(PostalAddress.newBuilder().setCity("Leeds").setZip("LS1").build())
            .setConsent(Consent.newBuilder().setGdprAcceptTerms(true).build())
            .build();
    ContactData changes =
        ContactData.newBuilder()
            .setAddress(PostalAddress.newBuilder().setZip("LS2").build())
            .setConsent(Consent.newBuilder().setPrivacyConsent(false).build())
            .build();

    ContactData merged = ContactDataMerge.apply(current, changes, false);

    assertThat(merged.getAddress().getCity()).isEqualTo("Leeds");
    assertThat(merged.getAddress().getZip()).isEqualTo("LS2");
    assertThat(merged.getConsent().getGdprAcceptTerms()).isTrue();
    assertThat(merged.getConsent().getPrivacyConsent()).isFalse();
  }

  @Test
  void shouldMergeCustomFieldsAndListSubscriptionsByKey() {
    ContactData current =
        ContactData.newBuilder()
            .setCustomFields(Map.of("1", "\"a\"", "2", "5"))
            .setListSubscriptions(
                List.of(new ListSubscription("news", true), new ListSubscription("offers", true)))
            .build();
    ContactData changes =
        ContactData.newBuilder()
            .setCustomFields(Map.of("2", "6"))
            .setListSubscriptions(List.of(new ListSubscription("offers", false)))
            .build();

    ContactData merged = ContactDataMerge.apply(current, changes, false);

    assertThat(merged.getCustomFields())
        .containsExactlyInAnyOrderEntriesOf(Map.of("1", "\"a\"", "2", "6"));
    assertThat(merged.getListSubscriptions())
        .containsExactly(new ListSubscription("news", true), new ListSubscription("offers", false));
  }

  @Test
  void shouldRemoveAnExternalUrlWhoseChangeHasNoUrlAndClearAllWhenAsked() {
    ContactData current =
        ContactData.newBuilder()
            .setExternalUrls(List.of(url("a", "https://a.example"), url("b", "https://b.example")))
            .build();
    ContactData changes =
        ContactData.newBuilder()
            .setExternalUrls(List.of(url("a", null), url("c", "https://c.example")))
            .build();

    assertThat(ContactDataMerge.apply(current, changes, false).getExternalUrls())
        .extracting(ExternalUrl::getRef)
        .containsExactly("b", "c");
    assertThat(ContactDataMerge.apply(current, null, true).getExternalUrls()).isNull();
  }

  @Test
  void shouldMergeASingleItemAttributeSetByAttributeNameAndReplaceMultiItemSets() {
    ContactData current =
        ContactData.newBuilder()
            .setAttributeSets(
                List.of(
                    set(
                        "Email Demographics",
                        item(value("First Name", "Angela"), value("Last Name", "Cruz"))),
                    set("Phones", item(value("Number", "1")), item(value("Number", "2")))))
            .build();
    ContactData changes =
        ContactData.newBuilder()
            .setAttributeSets(
                List.of(
                    set("Email Demographics", item(value("Last Name", "Cruz-Lopez"))),
                    set("Phones", item(value("Number", "3")))))
            .build();

    List<AttributeSet> merged = ContactDataMerge.apply(current, changes, false).getAttributeSets();

    assertThat(merged.get(0).getItems().get(0).getValues())
        .containsExactly(value("First Name", "Angela"), value("Last Name", "Cruz-Lopez"));
    assertThat(merged.get(1).getItems()).containsExactly(item(value("Number", "3")));
  }

  @Test
  void shouldRefuseMoreThanThreeExternalUrls() {
    ContactData four =
        ContactData.newBuilder()
            .setExternalUrls(
                List.of(
                    url("a", "https://a"),
                    url("b", "https://b"),
                    url("c", "https://c"),
                    url("d", "https://d")))
            .build();

    assertThat(ContactDataMerge.problemWith(four, 200)).contains("at most 3");
    assertThat(ContactDataMerge.problemWith(new ContactData(), 200)).isNull();
  }

  @Test
  void shouldMeasureTheDataItselfWhenItsGoldenRecordIsOverTheBudget() {
    ContactData justUnder = customField(63 * 1024);
    ContactData over = customField(65 * 1024);
    int recordOverhead = 100;

    assertThat(
            ContactDataMerge.problemWith(
                justUnder, ContactDataBudget.encodedSize(justUnder) + recordOverhead))
        .isNull();
    assertThat(
            ContactDataMerge.problemWith(
                over, ContactDataBudget.encodedSize(over) + recordOverhead))
        .contains("at most 64 KiB")
        .contains("make it 65 KiB");
  }

  private static ContactData customField(int bytes) {
    return ContactData.newBuilder()
        .setCustomFields(java.util.Map.of("big", "\"" + "x".repeat(bytes) + "\""))
        .build();
  }

  private static ExternalUrl url(String ref, String url) {
    return new ExternalUrl(ref, url, null);
  }

  private static AttributeSet set(String name, AttributeItem... items) {
    return new AttributeSet(name, List.of(items));
  }

  private static AttributeItem item(AttributeValue... values) {
    return new AttributeItem(List.of(values));
  }

  private static AttributeValue value(String name, Object value) {
    return new AttributeValue(name, value);
  }
}
