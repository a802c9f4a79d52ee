package org.contactpipeline.ingest.marketingcloud;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;

/** Builds establish response objects: results, fire-and-forget acknowledgements and errors. */
final class EstablishResponses {

  private final Clock clock;

  EstablishResponses(Clock clock) {
    this.clock = clock;
  }

  /**
   * The gathered results as items: in request order when asked to correlate, else as they
   * completed.
   */
  EstablishResponse results(EstablishPlan plan, ContactResponse gathered) {
    List<ContactResult> results = gathered.getResults();
    if (plan.correlateResponseItem()) {
      results =
          results.stream().sorted(Comparator.comparingInt(ContactResult::getItemIndex)).toList();
    }
    List<EstablishResponse.Item> items =
        results.stream().map(result -> item(plan, result)).toList();
    return response(plan.requestId(), items, List.of());
  }

  EstablishResponse resultsNotRequested(EstablishPlan plan) {
    return response(plan.requestId(), List.of(), List.of(ResultMessage.RESULTS_NOT_REQUESTED));
  }

  EstablishResponse error(UUID requestId, ResultMessage message) {
    return response(requestId, List.of(), List.of(message));
  }

  private EstablishResponse response(
      UUID requestId, List<EstablishResponse.Item> items, List<ResultMessage> messages) {
    return new EstablishResponse(
        items,
        requestId.toString(),
        VendorDates.responseDateTime(clock),
        messages,
        UUID.randomUUID().toString());
  }

  private static EstablishResponse.Item item(EstablishPlan plan, ContactResult result) {
    int index = result.getItemIndex();
    EstablishResponse.ContactReference reference =
        new EstablishResponse.ContactReference(
            result.getContactId(),
            contactTypeName(result.getKey().getContactType()),
            result.getKey().getContactKey(),
            statusName(result));
    EstablishResponse.Value value =
        new EstablishResponse.Value(
            plan.contactKeys().get(index),
            plan.includeNewContactAwareness() ? result.getNewContact() : null,
            reference);
    return new EstablishResponse.Item(value, index, List.of());
  }

  /** Contact type 0 is reported by name, as the vendor does; others by number. */
  static String contactTypeName(int contactType) {
    return contactType == 0 ? "Default" : Integer.toString(contactType);
  }

  private static String statusName(ContactResult result) {
    return switch (result.getStatus()) {
      case ACTIVE -> "Active";
    };
  }
}
