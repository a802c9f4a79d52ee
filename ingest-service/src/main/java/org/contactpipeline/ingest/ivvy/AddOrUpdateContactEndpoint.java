package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.vendor.ivvy.AddOrUpdateResult;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * {@code addOrUpdateContact}: validates, sends the one command the call becomes, and answers with
 * the resolver's decision. A refusal by the resolver (unknown id, names that do not match, an email
 * already taken) is iVvy's {@code success: false} result with a message; its HTTP status follows
 * iVvy's exception codes (404 unknown contact, 400 refused) for clients that look at it, while the
 * body stays the documented result, which the vendor's SDK reads whatever the status.
 */
final class AddOrUpdateContactEndpoint
    implements WriteDialect<IvvyContactChange, ContactResult, IvvyRejection>, RefusesAsIvvy {

  private final ObjectMapper json;
  private final AddOrUpdateValidator validator;
  private final Commands commands;

  AddOrUpdateContactEndpoint(ObjectMapper json, AddOrUpdateValidator validator, Commands commands) {
    this.json = json;
    this.validator = validator;
    this.commands = commands;
  }

  @Override
  public IvvyContactChange read(Context ctx) {
    return validator.validate(Tenants.of(ctx), Params.parse(json, ctx));
  }

  @Override
  public CompletableFuture<ContactResult> submit(CommandGateway gateway, IvvyContactChange change) {
    return gateway.submitOne(change.command(commands, UUID.randomUUID().toString()));
  }

  @Override
  public void answer(Context ctx, IvvyContactChange change, ContactResult result) {
    int status =
        switch (result.getOutcome()) {
          case RESOLVED -> 200;
          case NOT_FOUND, DELETED -> 404;
          case REJECTED -> 400;
        };
    ctx.status(status).json(AddOrUpdateResult.of(result));
  }

  @Override
  public void answerFailure(Context ctx, IvvyContactChange change, PipelineFailure failure) {
    String request = "Request " + failure.requestId();
    ctx.status(failure.httpStatus())
        .json(
            IvvyError.of(
                failure.httpStatus(),
                failure.accepted()
                    ? request
                        + " was accepted but its result did not arrive in time; the contact is still being added or "
                        + "updated. Read it back with getContact or getContactList before retrying."
                    : request
                        + " was not accepted by the pipeline, though it may still take effect. Retry it; an add retried "
                        + "this way may answer that the email already exists, which getContactList confirms."));
  }
}
