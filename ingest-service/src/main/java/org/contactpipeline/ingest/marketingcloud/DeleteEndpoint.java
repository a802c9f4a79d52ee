package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.store.DeleteOperation;

/**
 * {@code POST /contacts/v1/contacts/actions/delete?type=keys|ids}: one DELETE command per value, by
 * key (contact type 0) or by ID, all in the caller's tenant. The operation ID is the request id of
 * those commands, so sink-service records the delete's progress under it; it is a random positive
 * integer below 2^53 (the vendor's {@code operationID} is a number, and JSON clients read such
 * numbers exactly). The answer comes once the resolver has decided every value, so the operation is
 * already complete when its status is first polled (the answer also waits, briefly, for
 * sink-service to have recorded it and removed the rows, so that neither the first poll nor a
 * lookup right after meets stale state); an unknown key or ID is counted as not found there, not
 * refused here. Deleting is idempotent, so retrying after a 503 or 504 is safe.
 */
final class DeleteEndpoint
    implements WriteDialect<DeleteEndpoint.Operation, Void, RequestRejection>,
        RefusesAsMarketingCloud {

  private static final long MAX_OPERATION_ID = 1L << 53;

  /** Longest the answer waits for the operation to be readable; the delete is done either way. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(5);

  private static final Executor RECHECK =
      CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);

  private final ObjectMapper json;
  private final DeleteRequestValidator validator;
  private final ContactStore store;
  private final Commands commands;

  DeleteEndpoint(
      ObjectMapper json, DeleteRequestValidator validator, ContactStore store, Commands commands) {
    this.json = json;
    this.validator = validator;
    this.store = store;
    this.commands = commands;
  }

  /** A checked delete request and the operation ID its commands share. */
  record Operation(String tenant, long id, DeleteRequestValidator.Plan values) {}

  @Override
  public Operation read(Context ctx) {
    String tenant = Tenants.of(ctx);
    DeleteRequestValidator.Plan values =
        validator.validate(
            RequestValues.queryParam(ctx.queryParamMap(), "type"), RequestValues.object(json, ctx));
    return new Operation(tenant, ThreadLocalRandom.current().nextLong(1, MAX_OPERATION_ID), values);
  }

  @Override
  public CompletableFuture<Void> submit(CommandGateway gateway, Operation operation) {
    String operationId = Long.toString(operation.id());
    return gateway
        .submit(commands(operation))
        .thenCompose(
            decided ->
                recorded(
                    operation.tenant(), operationId, System.nanoTime() + RECORD_WAIT.toNanos()));
  }

  @Override
  public void answer(Context ctx, Operation operation, Void recorded) {
    ctx.json(response(true, operation.id(), null));
  }

  @Override
  public void answerFailure(Context ctx, Operation operation, PipelineFailure failure) {
    ctx.status(failure.httpStatus())
        .json(
            response(
                failure.accepted(),
                operation.id(),
                ResultMessage.pipelineFailure(
                    failure,
                    "the delete goes on; poll "
                        + "GET /contacts/v1/contacts/actions/delete/status?operationID="
                        + operation.id())));
  }

  @Override
  public void answerRefusal(Context ctx, RequestRejection rejection) {
    ctx.status(HttpStatus.BAD_REQUEST)
        .json(
            response(
                false,
                null,
                ResultMessage.validationError(
                    rejection.resultCode(), rejection.getMessage(), rejection.field())));
  }

  /**
   * Completes once sink-service has recorded every item of the operation and removed every deleted
   * contact's row, or at the deadline, or when the store cannot answer: the delete itself is
   * decided already, only what reads show may lag.
   */
  private CompletableFuture<Void> recorded(String tenant, String operationId, long deadline) {
    return CompletableFuture.supplyAsync(
            () ->
                store
                    .deleteOperation(tenant, operationId)
                    .filter(DeleteOperation::isComplete)
                    .map(
                        operation ->
                            operation.items().stream()
                                .filter(DeleteOperation.Item::deleted)
                                .allMatch(item -> store.byId(tenant, item.contactId()).isEmpty()))
                    .orElse(false),
            RECHECK)
        .exceptionally(storeFailure -> true)
        .thenCompose(
            done ->
                done || System.nanoTime() > deadline
                    ? CompletableFuture.<Void>completedFuture(null)
                    : recorded(tenant, operationId, deadline));
  }

  private List<ContactCommand> commands(Operation operation) {
    DeleteRequestValidator.Plan values = operation.values();
    Commands.Request request = commands.request(Long.toString(operation.id()), values.size());
    List<ContactCommand> items = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      items.add(
          request.item(
              i,
              values.by() == DeleteRequestValidator.By.KEYS
                  ? ContactAddress.key(operation.tenant(), values.keys().get(i))
                  : ContactAddress.id(operation.tenant(), values.ids().get(i)),
              CommandAction.DELETE,
              null));
    }
    return items;
  }

  private static DeleteResponse response(
      boolean initiated, Long operationId, ResultMessage message) {
    return new DeleteResponse(
        initiated,
        operationId,
        UUID.randomUUID().toString(),
        message == null ? List.of() : List.of(message),
        UUID.randomUUID().toString());
  }
}
