package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.JsonProblems;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResponse;

/**
 * {@code POST /contacts/v1/establish}: one ESTABLISH per key, answered with the gathered response,
 * or, for {@code returnResults=false}, as soon as every command is durably in Kafka (then the
 * outcome is null).
 */
public final class EstablishEndpoint
    implements WriteDialect<EstablishPlan, ContactResponse, RequestRejection>,
        RefusesAsMarketingCloud {

  private final ObjectMapper json;
  private final EstablishValidator validator;
  private final EstablishResponses responses;
  private final Commands commands;

  public EstablishEndpoint(
      ObjectMapper json, int maxKeys, int maxKeyLength, Clock clock, Commands commands) {
    this.json = json;
    this.validator = new EstablishValidator(maxKeys, maxKeyLength);
    this.responses = new EstablishResponses(clock);
    this.commands = commands;
  }

  @Override
  public EstablishPlan read(Context ctx) {
    ObjectNode tree = RequestValues.object(json, ctx);
    RequestValues.refuseMembersGivenTwice(tree);
    EstablishRequest request;
    try {
      request = json.treeToValue(tree, EstablishRequest.class);
    } catch (JacksonException e) {
      String member = JsonProblems.memberPath(e);
      throw new RequestRejection(
          "InvalidRequestBody",
          "the request body is not a valid establish request: " + JsonProblems.describe(e),
          member == null ? "body" : member);
    }
    return validator.validate(Tenants.of(ctx), request);
  }

  @Override
  public CompletableFuture<ContactResponse> submit(CommandGateway gateway, EstablishPlan plan) {
    String requestId = plan.requestId().toString();
    int count = plan.contactKeys().size();
    return plan.returnResults()
        ? gateway.submit(items(commands.request(requestId, count), plan))
        : gateway
            .publishOnly(items(commands.unanswered(requestId, count), plan))
            .thenApply(accepted -> null);
  }

  @Override
  public void answer(Context ctx, EstablishPlan plan, ContactResponse gathered) {
    answer(
        ctx,
        HttpStatus.OK,
        plan.returnResults()
            ? responses.results(plan, gathered)
            : responses.resultsNotRequested(plan));
  }

  @Override
  public void answerFailure(Context ctx, EstablishPlan plan, PipelineFailure failure) {
    answer(
        ctx,
        HttpStatus.forStatus(failure.httpStatus()),
        responses.error(
            plan.requestId(),
            ResultMessage.pipelineFailure(
                failure,
                "its contacts are still being established, and establishing the "
                    + "same keys again returns their IDs")));
  }

  @Override
  public void answerRefusal(Context ctx, RequestRejection rejection) {
    answer(
        ctx,
        HttpStatus.BAD_REQUEST,
        responses.error(
            UUID.randomUUID(),
            ResultMessage.validationError(
                rejection.resultCode(), rejection.getMessage(), rejection.field())));
  }

  private static void answer(Context ctx, HttpStatus status, EstablishResponse body) {
    ctx.status(status).json(List.of(body));
  }

  /**
   * One ESTABLISH per key, of a {@code request} addressed for its results to come back or, when
   * nobody waits, {@link Commands#unanswered}.
   */
  private static List<ContactCommand> items(Commands.Request request, EstablishPlan plan) {
    int count = plan.contactKeys().size();
    List<ContactCommand> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(
          request.item(
              i,
              ContactAddress.key(
                  new ContactKey(plan.tenant(), plan.contactType(), plan.contactKeys().get(i))),
              CommandAction.ESTABLISH,
              null));
    }
    return items;
  }
}
