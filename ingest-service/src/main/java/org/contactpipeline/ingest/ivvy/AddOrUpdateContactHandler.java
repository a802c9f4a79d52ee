package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code addOrUpdateContact}: validates, sends the one command the call becomes, and answers with
 * the resolver's decision. A refusal by the resolver (unknown id, names that do not match, an
 * email already taken) is iVvy's {@code success: false} result with a message; its HTTP status
 * follows iVvy's exception codes (404 unknown contact, 400 refused) for clients that look at it,
 * while the body stays the documented result, which the vendor's SDK reads whatever the status.
 */
final class AddOrUpdateContactHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AddOrUpdateContactHandler.class);

  private final ObjectMapper json;
  private final AddOrUpdateValidator validator;
  private final CommandGateway gateway;

  AddOrUpdateContactHandler(ObjectMapper json, AddOrUpdateValidator validator, CommandGateway gateway) {
    this.json = json;
    this.validator = validator;
    this.gateway = gateway;
  }

  void handle(Context ctx) {
    ContactChange change = validator.validate(Tenants.of(ctx), Params.parse(json, ctx.body()));
    ContactCommand command = change.command(UUID.randomUUID().toString());
    ctx.future(() -> submit(command).handle((result, error) -> {
      if (error == null) {
        answer(ctx, change, result);
      } else {
        answerFailure(ctx, command, CommandGateway.unwrap(error));
      }
      return null;
    }));
  }

  private CompletableFuture<ContactResult> submit(ContactCommand command) {
    try {
      return gateway.submitOne(command);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void answer(Context ctx, ContactChange change, ContactResult result) {
    switch (result.getOutcome()) {
      case RESOLVED -> ctx.status(200).json(AddOrUpdateResult.succeeded(result.getContactId()));
      // The same words whether the id never existed or belongs to another tenant: nothing is revealed.
      case NOT_FOUND, DELETED -> ctx.status(404).json(AddOrUpdateResult.failed(change.contactId() == null
          ? "Unable to find contact" : "Unable to find contact with id " + change.contactId()));
      case REJECTED -> ctx.status(400).json(AddOrUpdateResult.failed(result.getMessage() == null
          ? "The contact was not added or updated" : result.getMessage()));
    }
  }

  private static void answerFailure(Context ctx, ContactCommand command, Throwable cause) {
    if (cause instanceof CommandGateway.TimedOut) {
      ctx.status(504).json(IvvyError.of(504, "Request " + command.getRequestId() + " was accepted but its result did "
          + "not arrive in time; the contact is still being added or updated. Read it back with getContact or "
          + "getContactList before retrying."));
    } else if (cause instanceof CommandGateway.NotAccepted) {
      LOG.warn("addOrUpdateContact {} not accepted: {}", command.getRequestId(), cause.toString());
      ctx.status(503).json(IvvyError.of(503, "Request " + command.getRequestId() + " was not accepted by the "
          + "pipeline, though it may still take effect. Retry it; an add retried this way may answer that the "
          + "email already exists, which getContactList confirms."));
    } else {
      LOG.error("addOrUpdateContact {} failed", command.getRequestId(), cause);
      ctx.status(500).json(IvvyError.of(500, "Internal error; the request may not have been accepted, retry it"));
    }
  }
}
