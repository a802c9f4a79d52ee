package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.WriteDialect;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.ingest.pipeline.PipelineFailure;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * {@code POST /contacts/v1/contacts} and {@code PATCH /contacts/v1/contacts}: validates, sends one
 * command and answers with its result in the seed's shape. Which command (the resolver decides the
 * rest):
 *
 * <ul>
 *   <li>{@code contactID} given: UPDATE by ID, for both methods; an unknown ID (or another
 *       tenant's) is 404 {@code ContactIdNotFound};
 *   <li>only {@code contactKey}: {@code POST} is an UPSERT of key (tenant, 0, contactKey), creating
 *       the contact when the key is new ({@code isNewContactKey true}); {@code PATCH} is an UPDATE,
 *       an unknown key being 404 {@code ContactKeyNotFound}.
 * </ul>
 *
 * When both are given the ID addresses the contact and the command names the key too: the resolver
 * refuses it when that contact has another key, answered 400 {@code ContactKeyMismatch}.
 */
final class ContactChangeEndpoint
    implements WriteDialect<MarketingCloudContactChange, ContactResult, RequestRejection>,
        RefusesAsMarketingCloud {

  private final ObjectMapper json;
  private final ContactChangeValidator validator;
  private final boolean post;
  private final Commands commands;

  /**
   * @param post POST (create or update) rather than PATCH (update only)
   */
  ContactChangeEndpoint(
      ObjectMapper json, ContactChangeValidator validator, boolean post, Commands commands) {
    this.json = json;
    this.validator = validator;
    this.post = post;
    this.commands = commands;
  }

  @Override
  public MarketingCloudContactChange read(Context ctx) {
    return validator.validate(Tenants.of(ctx), RequestValues.object(json, ctx), post);
  }

  @Override
  public CompletableFuture<ContactResult> submit(
      CommandGateway gateway, MarketingCloudContactChange change) {
    return gateway.submitOne(command(change));
  }

  @Override
  public void answer(Context ctx, MarketingCloudContactChange change, ContactResult result) {
    answerResult(ctx, change, result);
  }

  @Override
  public void answerFailure(
      Context ctx, MarketingCloudContactChange change, PipelineFailure failure) {
    answer(
        ctx,
        HttpStatus.forStatus(failure.httpStatus()),
        fail(
            change.requestId(),
            change.contactKey(),
            ResultMessage.pipelineFailure(
                failure,
                "the contact is still being "
                    + (post && !change.byId() ? "created or updated" : "updated")
                    + "; sending the same request again is safe")));
  }

  @Override
  public void answerRefusal(Context ctx, RequestRejection rejection) {
    answer(
        ctx,
        HttpStatus.BAD_REQUEST,
        fail(
            UUID.randomUUID(),
            null,
            ResultMessage.validationError(
                rejection.resultCode(), rejection.getMessage(), rejection.field())));
  }

  private ContactCommand command(MarketingCloudContactChange change) {
    ContactData changes = ProfileMapping.changesFor(change.sets());
    String requestId = change.requestId().toString();
    if (change.byId()) {
      return commands.single(
          requestId,
          ContactAddress.id(
              change.tenant(),
              change.contactId(),
              change.contactKey() == null ? "" : change.contactKey()),
          CommandAction.UPDATE,
          changes);
    }
    return commands.single(
        requestId,
        ContactAddress.key(change.tenant(), change.contactKey()),
        post ? CommandAction.UPSERT : CommandAction.UPDATE,
        changes);
  }

  private static void answerResult(
      Context ctx, MarketingCloudContactChange change, ContactResult result) {
    switch (result.getOutcome()) {
      case RESOLVED ->
          answer(
              ctx,
              HttpStatus.OK,
              new ContactsResponse(
                  ContactsResponse.OK,
                  1,
                  result.getKey().getContactKey(),
                  result.getContactId(),
                  result.getKey().getContactType(),
                  result.getNewContact(),
                  change.requestId().toString(),
                  false,
                  List.of(),
                  UUID.randomUUID().toString()));
      case NOT_FOUND ->
          answer(
              ctx,
              HttpStatus.NOT_FOUND,
              fail(
                  change.requestId(),
                  change.contactKey(),
                  change.byId()
                      ? ResultMessage.validationError(
                          "ContactIdNotFound",
                          "no contact has ID " + change.contactId(),
                          "contactID")
                      : ResultMessage.validationError(
                          "ContactKeyNotFound",
                          "no contact has key '"
                              + change.contactKey()
                              + "'; PATCH updates existing contacts only, POST creates them",
                          "contactKey")));
      case REJECTED ->
          answer(
              ctx,
              HttpStatus.BAD_REQUEST,
              fail(
                  change.requestId(),
                  change.contactKey(),
                  isKeyMismatch(change, result)
                      ? ResultMessage.validationError(
                          "ContactKeyMismatch", result.getMessage(), "contactKey")
                      : ResultMessage.validationError(
                          "ContactRejected", result.getMessage(), "attributeSets")));
      default ->
          throw new IllegalStateException(
              "an update was answered with outcome " + result.getOutcome());
    }
  }

  /**
   * A refusal of a command by ID whose contact (the result names its real key) has another key than
   * the one given.
   */
  private static boolean isKeyMismatch(MarketingCloudContactChange change, ContactResult result) {
    return change.byId()
        && change.contactKey() != null
        && !change.contactKey().equals(result.getKey().getContactKey());
  }

  private static ContactsResponse fail(UUID requestId, String contactKey, ResultMessage message) {
    return new ContactsResponse(
        ContactsResponse.FAIL,
        0,
        contactKey,
        0,
        ContactAddress.DEFAULT_CONTACT_TYPE,
        false,
        requestId.toString(),
        true,
        List.of(message),
        UUID.randomUUID().toString());
  }

  private static void answer(Context ctx, HttpStatus status, ContactsResponse body) {
    ctx.status(status).json(body);
  }
}
