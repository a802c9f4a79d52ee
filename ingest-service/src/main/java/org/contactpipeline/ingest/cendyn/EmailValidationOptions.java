package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code email_validation} object of a create request; every member defaults to false. {@code
 * create_if_no_credit} is accepted and checked for type but never matters: the validation done here
 * ({@link org.contactpipeline.ingest.contact.EmailAddress}) needs no network and costs no credit,
 * so an account can never be out of credit for it.
 */
record EmailValidationOptions(boolean validate, boolean createIfInvalid, boolean createIfNoCredit) {

  static final String NAME = "email_validation";
  static final EmailValidationOptions NONE = new EmailValidationOptions(false, false, false);

  private static final List<String> MEMBERS =
      List.of("validate", "create_if_invalid", "create_if_no_credit");

  static EmailValidationOptions read(BodyFields body) {
    return read(body, NONE);
  }

  /** The options {@code body} gives, or {@code absent} when it gives none. */
  static EmailValidationOptions read(BodyFields body, EmailValidationOptions absent) {
    ObjectNode object = body.object(NAME);
    if (object == null) {
      return absent;
    }
    BodyFields options = new BodyFields(object, body.path(NAME) + ".");
    options.refuseMembersOtherThan(MEMBERS);
    return new EmailValidationOptions(
        isTrue(options.bool("validate")),
        isTrue(options.bool("create_if_invalid")),
        isTrue(options.bool("create_if_no_credit")));
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
