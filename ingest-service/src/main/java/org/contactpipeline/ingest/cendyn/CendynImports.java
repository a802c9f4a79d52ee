package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.contactpipeline.ingest.imports.CsvCells;
import org.contactpipeline.ingest.imports.ImportDialect;
import org.contactpipeline.ingest.imports.RowRefused;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * Rows of an import in Cendyn's create-contact fields, each read by {@link CreateContactReader} as
 * the body of {@code POST /v2/account/{tenant}/contact/} and sent as the same UPSERT. Columns are
 * the body's parameter names, matched exactly as Cendyn's are; any other column is a custom field.
 */
public final class CendynImports extends ImportDialect {

  private static final Set<String> BOOLEANS = Set.of("gdpr_marketing_consent", "gdpr_accept_terms");
  private static final Set<String> NUMBERS =
      Set.of("facebook_friends", "twitter_followers", "last_latitude", "last_longitude");
  private static final Set<String> JSON =
      Set.of("tags", "list_subscriptions", EmailValidationOptions.NAME);

  private final CreateContactReader reader = new CreateContactReader();

  /**
   * @param tenant the account every row is created in, as the path's {@code account_id}
   */
  public CendynImports(String tenant, Clock clock) {
    // Names match exactly, as Cendyn matches them: a column "Email" is a custom field.
    super(tenant, clock, false);
  }

  @Override
  protected String missingColumns(List<String> columns) {
    boolean email = has(columns, CreateContactReader.EMAIL);
    boolean phone =
        has(columns, PhoneParameters.FULL)
            || has(columns, PhoneParameters.COUNTRY_CODE) && has(columns, PhoneParameters.NUMBER);
    return email || phone
        ? null
        : "a Cendyn import needs an email column or a phone column (phone, or phone_countrycode"
            + " with phone_number): every contact needs one of them";
  }

  @Override
  protected JsonNode cellValue(String column, String cell) throws RowRefused {
    if (BOOLEANS.contains(column)) {
      return CsvCells.booleanOrText(cell);
    }
    if (NUMBERS.contains(column)) {
      return CsvCells.numberOrText(cell);
    }
    return JSON.contains(column) ? CsvCells.json(column, cell) : CsvCells.text(cell);
  }

  @Override
  public ContactCommand command(JsonNode body, String requestId) throws RowRefused {
    try {
      CreateContactPlan plan = reader.read(tenant, body);
      return commands.single(
          requestId, ContactAddress.key(plan.key()), CommandAction.UPSERT, plan.changes());
    } catch (CendynRejection rejection) {
      throw new RowRefused(rejection.getMessage());
    }
  }

  @Override
  public RowRefused unreadable(String reason, String duplicatedMember) {
    return new RowRefused(
        duplicatedMember != null
            ? "the row gives " + duplicatedMember + " more than once"
            : "the row is not valid JSON: " + reason);
  }
}
