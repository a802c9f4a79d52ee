package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.CommandLog;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /contacts/v1/establish}: validates, publishes one command per key and answers with
 * the gathered response, or, for {@code returnResults=false}, as soon as every command is durably
 * in Kafka. The wait is asynchronous, so a slow pipeline holds no HTTP thread.
 */
public final class EstablishHandler implements Handler {

  private static final Logger LOG = LoggerFactory.getLogger(EstablishHandler.class);

  private final ObjectMapper json;
  private final EstablishValidator validator;
  private final CommandGateway gateway;
  private final Duration responseTimeout;
  private final EstablishResponses responses;

  public EstablishHandler(ObjectMapper json, int maxKeys, int maxKeyLength, CommandLog publisher,
      ResponseWaiter replies, Duration responseTimeout, Clock clock) {
    this.json = json;
    this.validator = new EstablishValidator(maxKeys, maxKeyLength);
    this.gateway = new CommandGateway(publisher, replies, responseTimeout);
    this.responseTimeout = responseTimeout;
    this.responses = new EstablishResponses(clock);
  }

  @Override
  public void handle(Context ctx) {
    EstablishPlan plan;
    try {
      plan = validator.validate(Tenants.of(ctx), parse(ctx.body()));
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

  private EstablishRequest parse(String body) {
    try {
      EstablishRequest request = json.readValue(body, EstablishRequest.class);
      if (request == null) {
        throw new RequestRejection("InvalidRequestBody", "the request body must be a JSON object", "body");
      }
      return request;
    } catch (JacksonException e) {
      throw new RequestRejection("InvalidRequestBody", "the request body is not a valid establish request: "
          + e.getOriginalMessage(), fieldPath(e));
    }
  }

  private static String fieldPath(JacksonException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        path.append(ref.getFieldName() != null ? (path.length() == 0 ? "" : ".") + ref.getFieldName()
            : "[" + ref.getIndex() + "]");
      }
      return path.toString();
    }
    return "body";
  }

  private void establishWithoutResults(Context ctx, EstablishPlan plan) {
    ctx.future(() -> gateway.publishOnly(commands(plan)).handle((accepted, error) -> {
      if (error != null) {
        answerNotAccepted(ctx, plan, error);
      } else {
        answer(ctx, HttpStatus.OK, responses.resultsNotRequested(plan));
      }
      return null;
    }));
  }

  private void establishAndWait(Context ctx, EstablishPlan plan) {
    ctx.future(() -> gateway.submit(commands(plan)).handle((gathered, error) -> {
      if (error == null) {
        answer(ctx, HttpStatus.OK, responses.results(plan, gathered));
      } else if (CommandGateway.unwrap(error) instanceof CommandGateway.TimedOut timedOut) {
        answerTimedOut(ctx, plan, timedOut.resolved() == 0
            ? "no response within " + responseTimeout.toMillis() + " ms"
            : "only " + timedOut.resolved() + " of " + timedOut.itemCount() + " contacts were resolved in time");
      } else {
        answerNotAccepted(ctx, plan, error);
      }
      return null;
    }));
  }

  private void answerTimedOut(Context ctx, EstablishPlan plan, String what) {
    answer(ctx, HttpStatus.GATEWAY_TIMEOUT, responses.error(plan.requestId(), ResultMessage.operationalError(
        "ResponseTimedOut",
        "Request " + plan.requestId() + " was accepted but " + what + "; its contacts are still being established. "
            + "Establishing the same keys again returns their IDs.",
        plan.requestId().toString())));
  }

  private void answerNotAccepted(Context ctx, EstablishPlan plan, Throwable error) {
    Throwable cause = CommandGateway.unwrap(error);
    if (cause instanceof CommandGateway.NotAccepted notAccepted && notAccepted.getCause() != null) {
      cause = notAccepted.getCause();
    }
    LOG.warn("establish {} not accepted: {}", plan.requestId(), cause.toString());
    answer(ctx, HttpStatus.SERVICE_UNAVAILABLE, responses.error(plan.requestId(), ResultMessage.operationalError(
        "ServiceUnavailable",
        "Request " + plan.requestId() + " could not be written to Kafka in full and was not accepted; "
            + "some of its contacts may have been established. Retrying is safe.",
        cause.getClass().getSimpleName())));
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
