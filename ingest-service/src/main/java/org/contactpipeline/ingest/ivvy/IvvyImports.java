package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.contactpipeline.ingest.imports.CsvCells;
import org.contactpipeline.ingest.imports.ImportDialect;
import org.contactpipeline.ingest.imports.RowRefused;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * Rows of an import in iVvy's {@code addOrUpdateContact} parameters, each validated by {@link
 * AddOrUpdateValidator} against the tenant's definitions and sent as the same command: add (CREATE,
 * or MATCH_NAMES_OR_CREATE with {@code updateIfExists}), or UPDATE by {@code id}. Column names
 * match in any case, as iVvy's parameter names do; numbers and booleans may be text, as iVvy takes
 * them, and the list parameters hold JSON.
 */
public final class IvvyImports extends ImportDialect {

  private static final Set<String> JSON =
      Set.of("groups", "customfields", "companies", "externalurls");

  private final AddOrUpdateValidator validator;

  public IvvyImports(String tenant, IvvyDefinitions definitions, Clock clock) {
    super(tenant, clock, true);
    this.validator = new AddOrUpdateValidator(definitions);
  }

  @Override
  protected String missingColumns(List<String> columns) {
    boolean adds = has(columns, "email") && has(columns, "firstName") && has(columns, "lastName");
    return adds || has(columns, "id")
        ? null
        : "an iVvy import needs the columns firstName, lastName and email to add contacts,"
            + " or id to update them";
  }

  @Override
  protected JsonNode cellValue(String column, String cell) throws RowRefused {
    return JSON.contains(column.toLowerCase(Locale.ROOT))
        ? CsvCells.json(column, cell)
        : CsvCells.text(cell);
  }

  @Override
  public ContactCommand command(JsonNode body, String requestId) throws RowRefused {
    if (!body.isObject()) {
      throw new RowRefused("The row must be a JSON object");
    }
    try {
      return validator.validate(tenant, Params.of((ObjectNode) body)).command(commands, requestId);
    } catch (IvvyRejection rejection) {
      throw refused(rejection);
    }
  }

  @Override
  public RowRefused unreadable(String reason, String duplicatedMember) {
    return duplicatedMember != null
        ? refused(IvvyRejection.invalid(duplicatedMember, "Value is given more than once"))
        : new RowRefused("The row must be a JSON object: " + reason);
  }

  /** iVvy's message, with its additional messages, which say why. */
  private static RowRefused refused(IvvyRejection rejection) {
    IvvyError error = rejection.error();
    return new RowRefused(
        error.additionalMessages() == null
            ? error.message()
            : error.message() + ": " + String.join("; ", error.additionalMessages()));
  }
}
