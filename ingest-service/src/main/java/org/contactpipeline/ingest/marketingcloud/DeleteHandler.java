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
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.ingest.store.ContactStore;
import org.contactpipeline.ingest.store.DeleteOperation;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * {@code POST /contacts/v1/contacts/actions/delete?type=keys|ids}: one DELETE command per value,
 * by key (contact type 0) or by ID, all in the caller's tenant. The operation ID is the request id
 * of those commands, so sink-service records the delete's progress under it; it is a random
 * positive integer below 2^53 (the vendor's {@code operationID} is a number, and JSON clients read
 * such numbers exactly). The answer comes once the resolver has decided every value, so the
 * operation is already complete when its status is first polled (the answer also waits, briefly,
 * for sink-service to have recorded it and removed the rows, so that neither the first poll nor a
 * lookup right after meets stale state); an unknown
 * key or ID is counted as not found there, not refused here. Deleting is idempotent, so retrying after a 503 or 504 is
 * safe.
 */
final class DeleteHandler {

  private static final long MAX_OPERATION_ID = 1L << 53;
  /** Longest the answer waits for the operation to be readable; the delete is done either way. */
  private static final Duration RECORD_WAIT = Duration.ofSeconds(5);
  private static final Executor RECHECK = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);

  private final ObjectMapper json;
  private final DeleteRequestValidator validator;
  private final CommandGateway gateway;
  private final ContactStore store;

  DeleteHandler(ObjectMapper json, DeleteRequestValidator validator, CommandGateway gateway, ContactStore store) {
    this.json = json;
    this.validator = validator;
    this.gateway = gateway;
    this.store = store;
  }

  void handle(Context ctx) {
    String tenant = Tenants.of(ctx);
    DeleteRequestValidator.Plan plan;
    try {
      plan = validator.validate(RequestValues.queryParam(ctx.queryParamMap(), "type"), RequestValues.object(json, ctx));
    } catch (RequestRejection rejection) {
      ctx.status(HttpStatus.BAD_REQUEST).json(response(false, null, ResultMessage.validationError(
          rejection.resultCode(), rejection.getMessage(), rejection.field())));
      return;
    }
    long operationId = ThreadLocalRandom.current().nextLong(1, MAX_OPERATION_ID);
    List<ContactCommand> commands = commands(tenant, Long.toString(operationId), plan);
    ctx.future(() -> gateway.submit(commands)
        .thenCompose(decided -> recorded(tenant, Long.toString(operationId), System.nanoTime() + RECORD_WAIT.toNanos()))
        .handle((recorded, error) -> {
          if (error == null) {
            ctx.json(response(true, operationId, null));
          } else {
            PipelineFailure failure = PipelineFailure.of(error);
            ctx.status(failure.httpStatus()).json(response(failure.accepted(), operationId,
                ResultMessage.pipelineFailure(failure, "the delete goes on; poll "
                    + "GET /contacts/v1/contacts/actions/delete/status?operationID=" + operationId)));
          }
          return null;
        }));
  }

  /**
   * Completes once sink-service has recorded every item of the operation and removed every
   * deleted contact's row, or at the deadline, or when the store cannot answer: the delete itself
   * is decided already, only what reads show may lag.
   */
  private CompletableFuture<Void> recorded(String tenant, String operationId, long deadline) {
    return CompletableFuture
        .supplyAsync(() -> store.deleteOperation(tenant, operationId)
            .filter(DeleteOperation::isComplete)
            .map(operation -> operation.items().stream().filter(DeleteOperation.Item::deleted)
                .allMatch(item -> store.byId(tenant, item.contactId()).isEmpty()))
            .orElse(false), RECHECK)
        .exceptionally(storeFailure -> true)
        .thenCompose(done -> done || System.nanoTime() > deadline ? CompletableFuture.<Void>completedFuture(null)
            : recorded(tenant, operationId, deadline));
  }

  private static List<ContactCommand> commands(String tenant, String operationId, DeleteRequestValidator.Plan plan) {
    List<ContactCommand> commands = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      commands.add(plan.by() == DeleteRequestValidator.By.KEYS
          ? Commands.byKey(operationId, i, plan.size(),
              new ContactKey(tenant, Commands.DEFAULT_CONTACT_TYPE, plan.keys().get(i)), CommandAction.DELETE, null)
          : Commands.byId(operationId, i, plan.size(), tenant, plan.ids().get(i), CommandAction.DELETE, null));
    }
    return commands;
  }

  private static DeleteResponse response(boolean initiated, Long operationId, ResultMessage message) {
    return new DeleteResponse(initiated, operationId, UUID.randomUUID().toString(),
        message == null ? List.of() : List.of(message), UUID.randomUUID().toString());
  }
}
