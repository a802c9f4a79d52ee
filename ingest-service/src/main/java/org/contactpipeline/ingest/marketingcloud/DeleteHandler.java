package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * {@code POST /contacts/v1/contacts/actions/delete?type=keys|ids}: one DELETE command per value,
 * by key (contact type 0) or by ID, all in the caller's tenant. The operation ID is the request id
 * of those commands, so sink-service records the delete's progress under it; it is a random
 * positive integer below 2^53 (the vendor's {@code operationID} is a number, and JSON clients read
 * such numbers exactly). The answer comes once the resolver has decided every value, so the
 * operation is already complete when its status is first polled; an unknown key or ID is counted
 * as not found there, not refused here. Deleting is idempotent, so retrying after a 503 or 504 is
 * safe.
 */
final class DeleteHandler {

  private static final long MAX_OPERATION_ID = 1L << 53;

  private final ObjectMapper json;
  private final DeleteRequestValidator validator;
  private final CommandGateway gateway;

  DeleteHandler(ObjectMapper json, DeleteRequestValidator validator, CommandGateway gateway) {
    this.json = json;
    this.validator = validator;
    this.gateway = gateway;
  }

  void handle(Context ctx) {
    String tenant = Tenants.of(ctx);
    DeleteRequestValidator.Plan plan;
    try {
      plan = validator.validate(RequestValues.queryParam(ctx.queryParamMap(), "type"), RequestValues.object(json, ctx.body()));
    } catch (RequestRejection rejection) {
      ctx.status(HttpStatus.BAD_REQUEST).json(response(false, null, ResultMessage.validationError(
          rejection.resultCode(), rejection.getMessage(), rejection.field())));
      return;
    }
    long operationId = ThreadLocalRandom.current().nextLong(1, MAX_OPERATION_ID);
    List<ContactCommand> commands = commands(tenant, Long.toString(operationId), plan);
    ctx.future(() -> gateway.submit(commands).handle((decided, error) -> {
      if (error == null) {
        ctx.json(response(true, operationId, null));
      } else {
        PipelineFailure failure = PipelineFailure.of(error, "the delete goes on; poll "
            + "GET /contacts/v1/contacts/actions/delete/status?operationID=" + operationId);
        boolean initiated = failure.status() == HttpStatus.GATEWAY_TIMEOUT;
        ctx.status(failure.status()).json(response(initiated, operationId, failure.message()));
      }
      return null;
    }));
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
