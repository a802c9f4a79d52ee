package org.contactpipeline.ingest.marketingcloud;

import java.util.List;
import java.util.UUID;

/**
 * A validated establish request of one tenant, with the defaults applied and the id that correlates
 * its commands, results and response ({@code requestServiceMessageID}).
 */
record EstablishPlan(
    UUID requestId,
    String tenant,
    List<String> contactKeys,
    int contactType,
    boolean returnResults,
    boolean correlateResponseItem,
    boolean includeNewContactAwareness) {

  EstablishPlan {
    contactKeys = List.copyOf(contactKeys);
  }
}
