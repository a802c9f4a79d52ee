package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.ingest.http.JsonProblems;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * {@code POST /contacts/v1/establish}: validates, publishes one command per key and answers with
 * the gathered response, or, for {@code returnResults=false}, as soon as every command is durably
 * in Kafka. The wait is asynchronous, so a slow pipeline holds no HTTP thread.
 */
public final class EstablishHandler implements Handler {

  private final ObjectMapper json;
  private final EstablishValidator validator;
  private final CommandGateway gateway;
  private final EstablishResponses responses;

  /** @param gateway the one every API of the service writes through */
  public EstablishHandler(ObjectMapper json, int maxKeys, int maxKeyLength, CommandGateway gateway, Clock clock) {
    this.json = json;
    this.validator = new EstablishValidator(maxKeys, maxKeyLength);
    this.gateway = gateway;
    this.responses = new EstablishResponses(clock);
  }

  @Override
  public void handle(Context ctx) {
    EstablishPlan plan;
    try {
      plan = validator.validate(Tenants.of(ctx), parse(ctx));
    } catch (RequestRejection rejection) {
      answer(ctx, HttpStatus.BAD_REQUEST, responses.error(UUID.randomUUID(),
          ResultMessage.validationError(rejection.resultCode(), rejection.getMessage(), rejection.field())));
      return;
    }
    if (plan.returnResults()) {
      establishAndWait(ctx, plan);
    } else {
      establishWithoutResults(ctx, plan);
    }
  }

  private EstablishRequest parse(Context ctx) {
    ObjectNode tree = RequestValues.object(json, ctx);
    RequestValues.refuseMembersGivenTwice(tree);
    try {
      return json.treeToValue(tree, EstablishRequest.class);
    } catch (JacksonException e) {
      String member = JsonProblems.memberPath(e);
      throw new RequestRejection("InvalidRequestBody", "the request body is not a valid establish request: "
          + JsonProblems.describe(e), member == null ? "body" : member);
    }
  }

  private void establishWithoutResults(Context ctx, EstablishPlan plan) {
    ctx.future(() -> gateway.publishOnly(commands(plan)).handle((accepted, error) -> {
      if (error == null) {
        answer(ctx, HttpStatus.OK, responses.resultsNotRequested(plan));
      } else {
        answerFailure(ctx, plan, PipelineFailure.of(error));
      }
      return null;
    }));
  }

  private void establishAndWait(Context ctx, EstablishPlan plan) {
    ctx.future(() -> gateway.submit(commands(plan)).handle((gathered, error) -> {
      if (error == null) {
        answer(ctx, HttpStatus.OK, responses.results(plan, gathered));
      } else {
        answerFailure(ctx, plan, PipelineFailure.of(error));
      }
      return null;
    }));
  }

  private void answerFailure(Context ctx, EstablishPlan plan, PipelineFailure failure) {
    answer(ctx, HttpStatus.forStatus(failure.httpStatus()), responses.error(plan.requestId(),
        ResultMessage.pipelineFailure(failure, "its contacts are still being established, and establishing the "
            + "same keys again returns their IDs")));
  }

  private static void answer(Context ctx, HttpStatus status, EstablishResponse body) {
    ctx.status(status).json(List.of(body));
  }

  /** One ESTABLISH per key; {@code replyTo} is the gateway's to set (none when nobody waits). */
  private static List<ContactCommand> commands(EstablishPlan plan) {
    int count = plan.contactKeys().size();
    List<ContactCommand> commands = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      commands.add(Commands.byKey(plan.requestId().toString(), i, count,
          new ContactKey(plan.tenant(), plan.contactType(), plan.contactKeys().get(i)), CommandAction.ESTABLISH,
          null));
    }
    return commands;
  }
}
