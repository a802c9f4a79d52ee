package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.ingest.contact.EmailAddress;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.ContactStore;

/**
 * {@code POST /contacts/v1/addresses/email/search}: the contact keys of the caller's tenant that
 * have each email address (matched case-insensitively), at most {@code MaximumCount} per address,
 * oldest contact first. {@code ChannelAddressList} is required: 1 to the configured number of valid
 * addresses. {@code MaximumCount} defaults to 1, as in the vendor's example, and may go up to the
 * same limit. Contacts made through any API count: the email is the shared profile field.
 */
final class EmailSearchEndpoint
    implements QueryDialect<
            EmailSearchEndpoint.Search, List<EmailSearchResponse.Entity>, RequestRejection>,
        RefusesAsMarketingCloud {

  private final ObjectMapper json;
  private final ContactStore store;
  private final int maxItems;

  EmailSearchEndpoint(ObjectMapper json, ContactStore store, int maxItems) {
    this.json = json;
    this.store = store;
    this.maxItems = maxItems;
  }

  record Search(String tenant, List<String> addresses, int maximumCount) {}

  @Override
  public Search read(Context ctx) {
    String tenant = Tenants.of(ctx);
    ObjectNode body = RequestValues.object(json, ctx);
    return new Search(
        tenant,
        addresses(RequestValues.member(body, "ChannelAddressList")),
        maximumCount(RequestValues.member(body, "MaximumCount")));
  }

  @Override
  public List<EmailSearchResponse.Entity> run(Search search) {
    return search.addresses().stream()
        .map(
            address ->
                new EmailSearchResponse.Entity(
                    keysWith(search.tenant(), address, search.maximumCount()), address))
        .toList();
  }

  @Override
  public void answer(Context ctx, Search search, List<EmailSearchResponse.Entity> entities) {
    ctx.json(
        new EmailSearchResponse(
            entities, UUID.randomUUID().toString(), List.of(), UUID.randomUUID().toString()));
  }

  private List<EmailSearchResponse.ContactKeyDetail> keysWith(
      String tenant, String address, int maximumCount) {
    return store
        .find(ContactQuery.of(tenant).email(address).limit(maximumCount).build())
        .contacts()
        .stream()
        .map(
            contact ->
                new EmailSearchResponse.ContactKeyDetail(
                    contact.getKey().getContactKey(),
                    VendorDates.recordDate(contact.getCreatedAt())))
        .toList();
  }

  private List<String> addresses(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new RequestRejection(
          "ChannelAddressListRequired",
          "ChannelAddressList is required and must hold at least one email address",
          "ChannelAddressList");
    }
    if (node.size() > maxItems) {
      throw new RequestRejection(
          "TooManyChannelAddresses",
          "ChannelAddressList holds "
              + node.size()
              + " addresses; at most "
              + maxItems
              + " are allowed per request",
          "ChannelAddressList");
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode address = node.get(i);
      if (!address.isTextual() || EmailAddress.problemWith(address.textValue().strip()) != null) {
        throw new RequestRejection(
            "InvalidChannelAddress",
            "ChannelAddressList[" + i + "] must be a valid email address such as name@example.com",
            "ChannelAddressList[" + i + "]");
      }
      addresses.add(address.textValue().strip());
    }
    return addresses;
  }

  private int maximumCount(JsonNode node) {
    if (node == null) {
      return 1;
    }
    Long count = RequestValues.positiveLong(node);
    if (count == null || count > maxItems) {
      throw new RequestRejection(
          "InvalidMaximumCount",
          "MaximumCount must be a whole number from 1 to "
              + maxItems
              + ", was "
              + RequestValues.shown(node),
          "MaximumCount");
    }
    return count.intValue();
  }
}
