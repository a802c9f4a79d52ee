package org.contactpipeline.ingest.marketingcloud;

import java.util.List;
import java.util.UUID;
import org.contactpipeline.schemas.avro.AttributeSet;

/**
 * A validated {@code POST} or {@code PATCH /contacts/v1/contacts} of one tenant: the contact it
 * addresses (by key, by ID, or both) and its attribute sets, with canonical set and attribute names
 * and values in their stored types.
 *
 * @param requestId correlates the command, its result and the response ({@code
 *     requestServiceMessageID})
 * @param contactKey null when the request gives only {@code contactID}
 * @param contactId null when the request gives only {@code contactKey}
 */
record MarketingCloudContactChange(
    UUID requestId, String tenant, String contactKey, Long contactId, List<AttributeSet> sets) {

  MarketingCloudContactChange {
    sets = List.copyOf(sets);
  }

  boolean byId() {
    return contactId != null;
  }
}
