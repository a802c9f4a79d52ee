package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.schemas.ContactDataBudget;
import org.contactpipeline.vendor.cendyn.CendynBulkWebhook;

/**
 * Reads a {@code create_bulk} body: {@code contacts} (1 to {@link #MAX_CONTACTS}, each checked
 * exactly as a single create's body is), {@code match_contact_user_id}, {@code webhook_url}
 * (checked against the deployment's {@link CallbackPolicy} now, so the caller hears at once),
 * {@code contacts_webhook_extra_fields} (contact fields Cendyn shows) and {@code validate_emails}.
 *
 * <p>The request is all or nothing: when any contact breaks a rule, nothing is published and the
 * refusal lists every invalid contact by index with its first problem (up to {@link
 * #MAX_LISTED_PROBLEMS}), so the caller can fix them all in one go.
 */
final class CreateBulkReader {

  /** Cendyn's own limit per request. */
  static final int MAX_CONTACTS = 5_000;

  /** How many invalid contacts a refusal names; it always says how many there are. */
  static final int MAX_LISTED_PROBLEMS = 20;

  /** The members of the body itself; anything else is refused as a typo would be. */
  private static final List<String> PARAMETERS =
      List.of(
          "account_id",
          "contacts",
          "match_contact_user_id",
          "webhook_url",
          "validate_emails",
          "contacts_webhook_extra_fields");

  private final CreateContactReader contactReader = new CreateContactReader();
  private final CallbackPolicy callbacks;

  CreateBulkReader(CallbackPolicy callbacks) {
    this.callbacks = callbacks;
  }

  CreateBulkPlan read(String account, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw CendynRejection.malformed(
          "the request body must be a JSON object with contacts and the bulk's options");
    }
    BodyFields body = new BodyFields((ObjectNode) root, "");
    body.refuseMembersOtherThan(PARAMETERS);
    String bodyAccount = body.text("account_id");
    if (bodyAccount != null && !bodyAccount.equals(account)) {
      throw CendynRejection.unprocessable(
          "account_id '"
              + bodyAccount
              + "' in the body is not the account '"
              + account
              + "' of the path");
    }
    boolean matchUserId = Boolean.TRUE.equals(body.bool("match_contact_user_id"));
    EmailValidationOptions validation =
        Boolean.TRUE.equals(body.bool("validate_emails"))
            ? new EmailValidationOptions(true, false, false)
            : EmailValidationOptions.NONE;
    String webhookUrl = webhookUrl(body);
    List<String> extraFields = extraFields(body);
    return new CreateBulkPlan(
        account, contacts(account, body, validation), matchUserId, webhookUrl, extraFields);
  }

  private List<CreateContactPlan> contacts(
      String account, BodyFields body, EmailValidationOptions validation) {
    ArrayNode array = body.array("contacts");
    if (array == null || array.isEmpty()) {
      throw CendynRejection.unprocessable(
          "contacts is required: an array of 1 to " + MAX_CONTACTS + " contact objects");
    }
    if (array.size() > MAX_CONTACTS) {
      throw CendynRejection.unprocessable(
          "contacts holds "
              + array.size()
              + " contacts; at most "
              + MAX_CONTACTS
              + " are taken per request. Nothing was created: split them over several requests");
    }
    List<CreateContactPlan> plans = new ArrayList<>(array.size());
    List<String> problems = new ArrayList<>();
    int invalid = 0;
    for (int i = 0; i < array.size(); i++) {
      String path = "contacts[" + i + "]";
      try {
        JsonNode contact = array.get(i);
        if (!contact.isObject()) {
          throw CendynRejection.unprocessable(
              path + " must be a JSON object with the contact's parameters");
        }
        CreateContactPlan plan =
            contactReader.read(account, (ObjectNode) contact, path + ".", validation);
        // The pipeline would refuse this contact after the bulk was accepted; refusing it here
        // keeps the bulk all or nothing (the whole body may be 16 MiB, one contact's data not).
        int bytes = ContactDataBudget.encodedSize(plan.changes());
        if (bytes > ContactDataBudget.MAX_ENCODED_BYTES) {
          throw CendynRejection.unprocessable(
              path
                  + " holds "
                  + bytes
                  + " bytes of contact data; a contact takes at most "
                  + ContactDataBudget.MAX_ENCODED_BYTES);
        }
        plans.add(plan);
      } catch (CendynRejection rejection) {
        invalid++;
        if (problems.size() < MAX_LISTED_PROBLEMS) {
          String message = rejection.getMessage();
          problems.add(message.startsWith(path) ? message : path + ": " + message);
        }
      }
    }
    if (invalid > 0) {
      throw CendynRejection.unprocessable(
          invalid
              + " of "
              + array.size()
              + " contacts are invalid, so none was created: "
              + String.join("; ", problems)
              + (invalid > problems.size()
                  ? "; and " + (invalid - problems.size()) + " more"
                  : ""));
    }
    return plans;
  }

  private String webhookUrl(BodyFields body) {
    String url = body.text("webhook_url");
    if (url == null) {
      return null;
    }
    callbacks
        .problemWith(url)
        .ifPresent(
            problem -> {
              throw body.invalid("webhook_url", "cannot be used: " + problem);
            });
    return url.strip();
  }

  private static List<String> extraFields(BodyFields body) {
    List<String> fields = body.texts("contacts_webhook_extra_fields");
    if (fields == null) {
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (!CendynBulkWebhook.KNOWN_FIELDS.contains(field)) {
        throw body.invalid(
            "contacts_webhook_extra_fields[" + i + "]",
            "names '"
                + field
                + "', which is not a contact field; known are "
                + CendynBulkWebhook.KNOWN_FIELDS.stream().sorted().toList());
      }
      distinct.add(field);
    }
    return List.copyOf(distinct);
  }
}
