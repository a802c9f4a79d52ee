package org.contactpipeline.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * One vendor's single-contact call, applied to the rows of an import file: each vendor package
 * implements it with the same reader and validator its HTTP endpoint uses, so a row is accepted or
 * refused exactly as the same contact sent to the API would be.
 */
public interface ImportDialect {

  /**
   * Why a CSV file with these columns cannot be imported at all (a column every row needs is
   * missing), or null when it can.
   */
  String headerProblem(List<String> columns);

  /**
   * The request body a CSV row stands for: a member per non-empty cell, typed as the vendor's
   * parameter of that name is (a boolean, a number, JSON for lists and objects), text otherwise.
   *
   * @param cells one per column, in the header's order
   */
  ObjectNode objectOf(List<String> columns, String[] cells) throws RowRefused;

  /**
   * The command the call with this body sends, as item 0 of a one-item request nobody waits for
   * ({@code replyTo} null).
   */
  ContactCommand command(JsonNode body, String requestId) throws RowRefused;

  /**
   * The refusal of a JSON Lines row that is not one JSON value, in the vendor's words.
   *
   * @param duplicatedMember the member given twice (a path such as {@code customFields[0].value}),
   *     or null when the row is not JSON at all
   */
  RowRefused unreadable(String reason, String duplicatedMember);
}
