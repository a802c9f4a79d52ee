package org.contactpipeline.ingest.cendyn;

import java.util.List;

/**
 * A {@code create_bulk} request that passed every rule: its contacts, each validated as a single
 * create is, and what the job's response needs.
 *
 * @param matchContactUserId whether existing contacts are updated ({@code UPSERT}) rather than the
 *     contacts only created ({@code CREATE})
 * @param webhookUrl where the finished bulk's webhook goes; null for none
 * @param webhookExtraFields fields each valid contact of the webhook carries beside the defaults
 */
record CreateBulkPlan(
    String account,
    List<CreateContactPlan> contacts,
    boolean matchContactUserId,
    String webhookUrl,
    List<String> webhookExtraFields) {

  CreateBulkPlan {
    contacts = List.copyOf(contacts);
    webhookExtraFields = List.copyOf(webhookExtraFields);
  }
}
