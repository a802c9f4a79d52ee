package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.JsonBodies;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.vendor.cendyn.CendynContactView;

/**
 * {@code POST /v2/account/{account_id}/contact/}: checks that the path's account is the token's
 * tenant, reads the body, sends one UPSERT for the contact's key and answers 201 with the contact
 * as the resolver left it. Because the action is an upsert, creating a contact whose email (or,
 * without email, phone) the account already has updates that contact, and the answer shows it
 * merged; it is still 201, the status Cendyn clients expect from this call.
 */
final class CreateContactEndpoint
    implements WriteDialect<CreateContactPlan, ContactResult, CendynRejection>, RefusesAsCendyn {

  /**
   * Set on a 201 when {@code create_if_invalid} let an invalid email through: {@code invalid;
   * <why>}.
   */
  static final String EMAIL_VALIDATION_HEADER = "X-Email-Validation";

  private final ObjectMapper json;
  private final CreateContactReader reader;
  private final CendynContactView view;
  private final Commands commands;

  CreateContactEndpoint(ObjectMapper json, Commands commands) {
    this.json = json;
    this.reader = new CreateContactReader();
    this.view = new CendynContactView(json);
    this.commands = commands;
  }

  @Override
  public CreateContactPlan read(Context ctx) {
    String tenant = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    return reader.read(tenant, parse(ctx));
  }

  @Override
  public CompletableFuture<ContactResult> submit(CommandGateway gateway, CreateContactPlan plan) {
    return gateway.submitOne(
        commands.single(
            UUID.randomUUID().toString(),
            ContactAddress.key(plan.key()),
            CommandAction.UPSERT,
            plan.changes()));
  }

  private JsonNode parse(Context ctx) {
    try {
      return JsonBodies.read(json, ctx);
    } catch (JsonBodies.Unreadable e) {
      throw CendynRejection.malformed(
          e.duplicatedMember() != null
              ? "the request body gives "
                  + e.duplicatedMember()
                  + " more than once ("
                  + e.getMessage()
                  + ")"
              : "the request body is not valid JSON: " + e.getMessage());
    }
  }

  @Override
  public void answer(Context ctx, CreateContactPlan plan, ContactResult result) {
    if (result.getOutcome() != CommandOutcome.RESOLVED) {
      // An upsert is only refused for a rule of the merged contact; the resolver says which.
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(new CendynError(result.getMessage()));
      return;
    }
    if (plan.emailProblem() != null) {
      ctx.header(EMAIL_VALIDATION_HEADER, "invalid; the email " + plan.emailProblem());
    }
    ctx.status(HttpStatus.CREATED).json(view.render(result.getContactId(), result.getData()));
  }

  @Override
  public void answerFailure(Context ctx, CreateContactPlan plan, PipelineFailure failure) {
    String request = "request " + failure.requestId();
    ctx.status(failure.httpStatus())
        .json(
            new CendynError(
                failure.accepted()
                    ? request
                        + " was accepted but its result did not arrive in time; the contact is still being saved."
                        + " Sending the same request again is safe: it updates the same contact"
                    : request
                        + " could not be written to the pipeline and was not accepted; retrying is safe"));
  }
}
