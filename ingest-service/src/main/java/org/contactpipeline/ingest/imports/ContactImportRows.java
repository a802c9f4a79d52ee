package org.contactpipeline.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.contactpipeline.ingest.http.JsonBodies;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * The entry point of a bulk import into ingest's rules: one row of a file in, the command the
 * vendor's single-contact call would send for it out, or a {@link RowRefused} with the reason that
 * call would give. A JSON Lines row is read as a request body is (well-formed UTF-8, a member given
 * twice refused, the vendor's JSON dialect); a CSV row is first made into that body ({@link
 * ImportDialect#objectOf}). Built by {@code VendorImports.of}; safe for one thread at a time.
 */
public final class ContactImportRows {

  private static final ObjectMapper JSON = JsonMappers.vendorJson();

  private final ImportDialect dialect;

  public ContactImportRows(ImportDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Why a CSV file with this header cannot be imported at all, or null when it can; checked before
   * anything is published.
   */
  public String headerProblem(List<String> columns) {
    return dialect.headerProblem(columns);
  }

  /**
   * The command of a CSV row.
   *
   * @param cells one per column of the header, in its order
   */
  public ContactCommand fromColumns(List<String> columns, String[] cells, String requestId)
      throws RowRefused {
    return dialect.command(dialect.objectOf(columns, cells), requestId);
  }

  /** The command of a JSON Lines row: {@code line} holds exactly its bytes, without the newline. */
  public ContactCommand fromJson(byte[] line, String requestId) throws RowRefused {
    JsonNode body;
    try {
      body = JsonBodies.read(JSON, line);
    } catch (JsonBodies.Unreadable e) {
      throw dialect.unreadable(e.getMessage(), e.duplicatedMember());
    }
    if (body == null || !body.isObject()) {
      throw dialect.unreadable("the row is not a JSON object", null);
    }
    return dialect.command(body, requestId);
  }
}
