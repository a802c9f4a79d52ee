package org.contactpipeline.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * One vendor's single-contact call, applied to the rows of an import file: each vendor package
 * extends it with the same reader and validator its HTTP endpoint uses, so a row is accepted or
 * refused exactly as the same contact sent to the API would be. What every vendor's rows share is
 * here (a header read as parameter names, a CSV row made into a body, commands nobody waits for); a
 * vendor holds only how its names match, which columns it needs, how it types a cell, and how it
 * reads and refuses a body.
 */
public abstract class ImportDialect {

  /** The tenant every row's contact belongs to. */
  protected final String tenant;

  /**
   * Makes each row's command item 0 of a one-item request nobody waits for ({@code replyTo} null).
   */
  protected final Commands commands;

  private final boolean namesInAnyCase;

  /**
   * @param namesInAnyCase whether the vendor's parameter names match in any case, so that a column
   *     named twice in two cases is a duplicate
   */
  protected ImportDialect(String tenant, Clock clock, boolean namesInAnyCase) {
    this.tenant = tenant;
    this.commands = new Commands(clock, null);
    this.namesInAnyCase = namesInAnyCase;
  }

  /**
   * Why a CSV file with these columns cannot be imported at all (a column named twice or not at
   * all, a column every row needs missing), or null when it can.
   */
  public final String headerProblem(List<String> columns) {
    String problem = CsvCells.duplicateOrBlankColumn(columns, namesInAnyCase);
    return problem != null ? problem : missingColumns(columns);
  }

  /** Why no row could be imported without a column these lack, or null when none is missing. */
  protected abstract String missingColumns(List<String> columns);

  /** Whether {@code columns} name the parameter {@code name}, matched as the vendor matches it. */
  protected final boolean has(List<String> columns, String name) {
    return CsvCells.has(columns, name, namesInAnyCase);
  }

  /**
   * The request body a CSV row stands for: a member per non-empty cell, typed as the vendor's
   * parameter of that name is (a boolean, a number, JSON for lists and objects), text otherwise.
   *
   * @param cells one per column, in the header's order
   */
  public final ObjectNode objectOf(List<String> columns, String[] cells) throws RowRefused {
    return CsvCells.object(columns, cells, this::cellValue);
  }

  /** One non-empty cell as the JSON value of the vendor's parameter named by its column. */
  protected abstract JsonNode cellValue(String column, String cell) throws RowRefused;

  /** The command the call with this body sends, as item 0 of a one-item request. */
  public abstract ContactCommand command(JsonNode body, String requestId) throws RowRefused;

  /**
   * The refusal of a JSON Lines row that is not one JSON value, in the vendor's words.
   *
   * @param duplicatedMember the member given twice (a path such as {@code customFields[0].value}),
   *     or null when the row is not JSON at all
   */
  public abstract RowRefused unreadable(String reason, String duplicatedMember);
}
