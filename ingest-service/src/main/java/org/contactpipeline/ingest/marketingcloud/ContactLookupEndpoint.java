package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ContactStore;

/**
 * {@code GET /contacts/v1/contacts/key:{contactKey}} and {@code GET
 * /contacts/v1/contacts/id:{contactId}}: one contact of the caller's tenant from the read side,
 * with its attribute sets. The {@code key:} / {@code id:} addressing is Marketing Cloud's own (its
 * {@code /contacts/v1/contacts/key:{contactKey}/Preferences} route). A key is looked up with
 * contact type 0, the type {@code POST /contacts/v1/contacts} creates. An unknown contact, a
 * deleted one and another tenant's are the same 404.
 */
final class ContactLookupEndpoint
    implements QueryDialect<
            ContactLookupEndpoint.Lookup, Optional<ContactRecord>, RequestRejection>,
        RefusesAsMarketingCloud {

  private static final String BY_KEY = "key:";
  private static final String BY_ID = "id:";

  private final ContactStore store;

  ContactLookupEndpoint(ContactStore store) {
    this.store = store;
  }

  /** One path segment read: the reference as given, and the key or the ID it names. */
  record Lookup(String tenant, String reference, ContactKey key, Long id) {}

  @Override
  public Lookup read(Context ctx) {
    String tenant = Tenants.of(ctx);
    String reference = ctx.pathParam("reference");
    if (reference.regionMatches(true, 0, BY_KEY, 0, BY_KEY.length())) {
      String key = reference.substring(BY_KEY.length());
      if (key.isEmpty()) {
        throw new RequestRejection(
            "InvalidContactKey", "give the contact key after 'key:'", "contactKey");
      }
      return new Lookup(
          tenant,
          reference,
          new ContactKey(tenant, ContactAddress.DEFAULT_CONTACT_TYPE, key),
          null);
    }
    if (reference.regionMatches(true, 0, BY_ID, 0, BY_ID.length())) {
      Long id = RequestValues.positiveLong(reference.substring(BY_ID.length()));
      if (id == null) {
        throw new RequestRejection(
            "InvalidContactId",
            "the contact ID after 'id:' must be a positive whole number",
            "contactId");
      }
      return new Lookup(tenant, reference, null, id);
    }
    throw new RequestRejection(
        "InvalidContactReference",
        "address the contact as key:{contactKey} or id:{contactId}, not '" + reference + "'",
        "contact");
  }

  @Override
  public Optional<ContactRecord> run(Lookup lookup) {
    return lookup.key() != null
        ? store.byKey(lookup.key())
        : store.byId(lookup.tenant(), lookup.id());
  }

  @Override
  public void answer(Context ctx, Lookup lookup, Optional<ContactRecord> contact) {
    contact.ifPresentOrElse(
        found -> ctx.json(view(found)),
        () ->
            ctx.status(HttpStatus.NOT_FOUND)
                .json(
                    FailResponse.of(
                        ResultMessage.validationError(
                            "ContactNotFound",
                            "no contact has " + lookup.reference(),
                            lookup.reference()))));
  }

  private static MarketingCloudContactView view(ContactRecord contact) {
    List<MarketingCloudContactView.AttributeSetView> sets =
        ProfileMapping.attributeSetsOf(contact.getData()).stream()
            .map(ContactLookupEndpoint::view)
            .toList();
    return new MarketingCloudContactView(
        ContactsResponse.OK,
        contact.getKey().getContactKey(),
        contact.getContactId(),
        contact.getKey().getContactType(),
        statusName(contact),
        VendorDates.recordDate(contact.getCreatedAt()),
        VendorDates.recordDate(contact.getUpdatedAt()),
        sets,
        UUID.randomUUID().toString(),
        false,
        List.of(),
        UUID.randomUUID().toString());
  }

  private static MarketingCloudContactView.AttributeSetView view(AttributeSet set) {
    return new MarketingCloudContactView.AttributeSetView(
        set.getName(),
        set.getItems().stream()
            .map(
                item ->
                    new MarketingCloudContactView.ItemView(
                        item.getValues().stream()
                            .map(
                                value ->
                                    new MarketingCloudContactView.ValueView(
                                        value.getName(), value.getValue()))
                            .toList()))
            .toList());
  }

  private static String statusName(ContactRecord contact) {
    return switch (contact.getStatus()) {
      case ACTIVE -> "Active";
    };
  }
}
