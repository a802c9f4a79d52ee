package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.store.DeleteOperation;

/**
 * {@code GET /contacts/v1/contacts/actions/delete/status?operationID=...}: the progress of one of
 * the caller's delete operations, from what sink-service recorded. An operation ID that is unknown,
 * not yet recorded, or another tenant's is 404 {@code OperationNotFound}.
 */
final class DeleteStatusEndpoint
    implements QueryDialect<
            DeleteStatusEndpoint.StatusQuery, Optional<DeleteOperation>, RequestRejection>,
        RefusesAsMarketingCloud {

  private final ContactStore store;
  private final Clock clock;

  DeleteStatusEndpoint(ContactStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  record StatusQuery(String tenant, long operationId) {}

  @Override
  public StatusQuery read(Context ctx) {
    String given = RequestValues.queryParam(ctx.queryParamMap(), "operationID");
    Long operationId = given == null ? null : RequestValues.positiveLong(given);
    if (operationId == null) {
      throw new RequestRejection(
          given == null ? "OperationIdRequired" : "InvalidOperationId",
          "the query parameter operationID must be the positive whole number a delete returned",
          "operationID");
    }
    return new StatusQuery(Tenants.of(ctx), operationId);
  }

  @Override
  public Optional<DeleteOperation> run(StatusQuery query) {
    return store.deleteOperation(query.tenant(), Long.toString(query.operationId()));
  }

  @Override
  public void answer(Context ctx, StatusQuery query, Optional<DeleteOperation> found) {
    long operationId = query.operationId();
    found.ifPresentOrElse(
        operation -> ctx.json(status(operationId, operation)),
        () ->
            ctx.status(HttpStatus.NOT_FOUND)
                .json(
                    FailResponse.of(
                        ResultMessage.validationError(
                            "OperationNotFound",
                            "no delete operation has ID " + operationId,
                            "operationID"))));
  }

  private DeleteStatusResponse status(long operationId, DeleteOperation operation) {
    int deleted = (int) operation.items().stream().filter(DeleteOperation.Item::deleted).count();
    String status =
        operation.isComplete() ? DeleteStatusResponse.COMPLETED : DeleteStatusResponse.PROCESSING;
    return new DeleteStatusResponse(
        List.of(),
        List.of(new DeleteStatusResponse.BackgroundOperation(operationId, status)),
        0,
        new DeleteStatusResponse.Operation(
            operationId,
            DeleteRequestValidator.CONTACT_AND_ATTRIBUTES,
            operation.itemCount(),
            operation.items().size(),
            deleted,
            operation.items().size() - deleted,
            false,
            status),
        UUID.randomUUID().toString(),
        VendorDates.responseDateTime(clock),
        List.of(),
        UUID.randomUUID().toString());
  }
}
