package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.contactpipeline.ingest.imports.CsvCells;
import org.contactpipeline.ingest.imports.ImportDialect;
import org.contactpipeline.ingest.imports.RowRefused;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Rows of an import that each name one contact key ({@code ContactKey}, and optionally its {@code
 * ContactType}, default 0), each sent as the ESTABLISH an establish call sends for one of its keys,
 * after the same checks ({@link EstablishValidator#checkKey}). Names match in any case, as
 * establish's members do; other columns are ignored, as establish ignores unknown members.
 */
public final class EstablishImports extends ImportDialect {

  static final String CONTACT_KEY = "ContactKey";
  static final String CONTACT_TYPE = "ContactType";

  private final EstablishValidator validator;

  /**
   * @param maxKeyLength the longest key establish accepts (ingest's {@code
   *     marketing-cloud.max-key-length})
   */
  public EstablishImports(String tenant, int maxKeyLength, Clock clock) {
    super(tenant, clock, true);
    // A row names one key: the per-request count limit does not apply.
    this.validator = new EstablishValidator(1, maxKeyLength);
  }

  @Override
  protected String missingColumns(List<String> columns) {
    return has(columns, CONTACT_KEY)
        ? null
        : "a Marketing Cloud import needs a "
            + CONTACT_KEY
            + " column: each row establishes one key";
  }

  @Override
  protected JsonNode cellValue(String column, String cell) {
    return column.equalsIgnoreCase(CONTACT_TYPE)
        ? CsvCells.numberOrText(cell)
        : CsvCells.text(cell);
  }

  @Override
  public ContactCommand command(JsonNode body, String requestId) throws RowRefused {
    try {
      if (!body.isObject()) {
        throw new RequestRejection("InvalidRequestBody", "a row must be a JSON object", "body");
      }
      RequestValues.refuseMembersGivenTwice((ObjectNode) body);
      JsonNode key = RequestValues.member(body, CONTACT_KEY);
      if (key != null && !key.isTextual()) {
        throw new RequestRejection(
            "InvalidContactKey", CONTACT_KEY + " must be a string", CONTACT_KEY);
      }
      String keyText = key == null ? null : key.textValue();
      validator.checkKey(keyText, CONTACT_KEY);
      int contactType = EstablishValidator.contactType(contactType(body));
      return commands.single(
          requestId,
          ContactAddress.key(new ContactKey(tenant, contactType, keyText)),
          CommandAction.ESTABLISH,
          null);
    } catch (RequestRejection rejection) {
      throw new RowRefused(rejection.getMessage());
    }
  }

  @Override
  public RowRefused unreadable(String reason, String duplicatedMember) {
    return new RowRefused(
        duplicatedMember != null
            ? "'" + duplicatedMember + "' is given twice; give it once"
            : "the row is not valid JSON: " + reason);
  }

  private static Integer contactType(JsonNode body) {
    JsonNode type = RequestValues.member(body, CONTACT_TYPE);
    if (type == null) {
      return null;
    }
    if (!type.isIntegralNumber() || !type.canConvertToInt()) {
      throw new RequestRejection(
          "InvalidContactType",
          CONTACT_TYPE + " must be a whole number, was " + RequestValues.shown(type),
          CONTACT_TYPE);
    }
    return type.intValue();
  }
}
