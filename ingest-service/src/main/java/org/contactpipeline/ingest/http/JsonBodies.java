package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies into JSON trees the one way every API does: as text from {@link BodyText}
 * (so only well-formed UTF-8 gets here), in the vendor dialect the mapper speaks, refusing a member
 * given twice in one object, anywhere in the body (a tree keeps only one of the two values, so
 * which one the caller meant would be the parser's guess), and refusing anything after the value.
 * Why a body is unreadable is said by {@link JsonProblems}; each API answers {@link Unreadable} in
 * its own error shape.
 */
public final class JsonBodies {

  private static final String DUPLICATE = "Duplicate field '";

  private JsonBodies() {}

  /**
   * The request body's JSON value: a {@code MissingNode} or {@code null} for a body without any,
   * which callers refuse like any body that is not the object they expect.
   */
  public static JsonNode read(ObjectMapper json, Context ctx) throws Unreadable {
    return parse(json, BodyText.of(ctx));
  }

  /** The JSON value of body bytes, decoded as {@link BodyText#decode} does. */
  public static JsonNode read(ObjectMapper json, byte[] body) throws Unreadable {
    return parse(json, BodyText.decode(body));
  }

  /** The JSON value of a body already decoded by {@link BodyText}. */
  public static JsonNode parse(ObjectMapper json, String text) throws Unreadable {
    // Trailing content is checked here rather than by the binder, whose check names its own
    // classes.
    ObjectReader reader =
        json.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    try (JsonParser parser = reader.createParser(text)) {
      JsonNode tree = read(reader, parser);
      refuseAnythingAfter(parser);
      return tree;
    } catch (IOException e) {
      // Parsing a string does no I/O; only Jackson's own exceptions, handled above, can arise.
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(ObjectReader reader, JsonParser parser)
      throws Unreadable, IOException {
    try {
      return reader.readTree(parser);
    } catch (JacksonException e) {
      String duplicated = duplicatedMember(e);
      throw duplicated != null
          ? new Unreadable(DUPLICATE + lastName(duplicated) + "'", duplicated)
          : new Unreadable(JsonProblems.describe(e), null);
    }
  }

  private static void refuseAnythingAfter(JsonParser parser) throws Unreadable, IOException {
    try {
      if (parser.nextToken() == null) {
        return;
      }
    } catch (JacksonException e) {
      // Even garbage after the value is refused as "something after it", which is what is wrong.
    }
    throw new Unreadable(
        "something follows the JSON value at line "
            + parser.currentTokenLocation().getLineNr()
            + ", column "
            + parser.currentTokenLocation().getColumnNr()
            + "; send one value",
        null);
  }

  /** The path of the member a duplicate-detection failure names, or null for any other failure. */
  private static String duplicatedMember(JacksonException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)
        || e.getOriginalMessage() == null
        || !e.getOriginalMessage().startsWith(DUPLICATE)) {
      return null;
    }
    // The parser stops on the second occurrence, with the member's name as the current one.
    return JsonProblems.pathOf(parser.getParsingContext());
  }

  private static String lastName(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf(']');
    return path.substring(Math.max(dot, bracket) + 1);
  }

  /** A body that is not UTF-8 JSON, or that gives a member twice. */
  public static final class Unreadable extends Exception {

    private static final long serialVersionUID = 1L;

    private final String duplicatedMember;

    Unreadable(String reason, String duplicatedMember) {
      super(reason);
      this.duplicatedMember = duplicatedMember;
    }

    /**
     * The member given twice, as a path ({@code email}, {@code customFields[0].value}); null when
     * the body is not JSON at all.
     */
    public String duplicatedMember() {
      return duplicatedMember;
    }
  }
}
