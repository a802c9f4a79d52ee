package org.contactpipeline.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.contactpipeline.ingest.http.JsonBodies;
import org.contactpipeline.ingest.http.JsonMappers;

/**
 * How a CSV cell, which is always text, becomes the JSON value the vendor's API would have been
 * sent. A cell typed wrong is passed on as text, so the vendor's own validator refuses it with its
 * own words ("must be true or false"); only a cell that should hold JSON and does not is refused
 * here. An empty cell is a parameter not given.
 */
public final class CsvCells {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = JsonMappers.vendorJson();

  private CsvCells() {}

  /**
   * The body of a row: a member per non-empty cell, its value made by {@code value(column, cell)}.
   */
  public static ObjectNode object(List<String> columns, String[] cells, CellReader value)
      throws RowRefused {
    ObjectNode body = NODES.objectNode();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      if (cell != null && !cell.isEmpty()) {
        body.set(columns.get(i), value.read(columns.get(i), cell));
      }
    }
    return body;
  }

  /** Reads one non-empty cell of a column. */
  @FunctionalInterface
  public interface CellReader {
    JsonNode read(String column, String cell) throws RowRefused;
  }

  public static JsonNode text(String cell) {
    return NODES.textNode(cell);
  }

  /** {@code true} or {@code false} in any case as a boolean; anything else stays text. */
  public static JsonNode booleanOrText(String cell) {
    if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
      return NODES.booleanNode(Boolean.parseBoolean(cell));
    }
    return text(cell);
  }

  /** A decimal number as a number (whole when it has no fraction); anything else stays text. */
  public static JsonNode numberOrText(String cell) {
    String trimmed = cell.strip();
    if (trimmed.isEmpty() || !trimmed.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
      return text(cell);
    }
    try {
      BigDecimal number = new BigDecimal(trimmed);
      return trimmed.matches("[-+]?[0-9]+")
          ? NODES.numberNode(number.toBigInteger())
          : NODES.numberNode(number);
    } catch (NumberFormatException notANumber) {
      return text(cell);
    }
  }

  /**
   * A cell holding JSON (a list or an object such as {@code ["vip","golf"]}), read as the APIs read
   * request bodies: a member given twice is refused.
   */
  public static JsonNode json(String column, String cell) throws RowRefused {
    try {
      return JsonBodies.parse(JSON, cell);
    } catch (JsonBodies.Unreadable e) {
      throw new RowRefused(
          "column " + column + " must hold JSON, such as [\"a\",\"b\"]: " + e.getMessage());
    }
  }

  /**
   * Why a header cannot be read as parameter names: a column named twice (compared in lower case
   * when {@code ignoreCase}), or a blank column name; null when it can.
   */
  public static String duplicateOrBlankColumn(List<String> columns, boolean ignoreCase) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (column.isBlank()) {
        return "column " + (i + 1) + " of the header has no name";
      }
      if (!seen.add(ignoreCase ? column.toLowerCase(Locale.ROOT) : column)) {
        return "the header names column '" + column + "' twice";
      }
    }
    return null;
  }

  /** Whether {@code columns} holds {@code name}, compared in any case when {@code ignoreCase}. */
  public static boolean has(List<String> columns, String name, boolean ignoreCase) {
    for (String column : columns) {
      if (ignoreCase ? column.equalsIgnoreCase(name) : column.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
