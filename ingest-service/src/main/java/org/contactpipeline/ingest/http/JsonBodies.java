package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies into JSON trees the one way every API does: in the vendor dialect the
 * mapper speaks, and refusing a member given twice in one object, anywhere in the body. A tree
 * keeps only one of the two values, so which one the caller meant would be the parser's guess.
 * Each API answers {@link Unreadable} in its own error shape.
 */
public final class JsonBodies {

  private JsonBodies() {
  }

  /**
   * The body's JSON value: a {@code MissingNode} or {@code null} for a body without any, which
   * callers refuse like any body that is not the object they expect. Read from the raw bytes, so
   * that malformed UTF-8 is refused: decoded to text first, every bad byte would become U+FFFD
   * and two different keys the same one. Anything after the value is refused too.
   */
  public static JsonNode read(ObjectMapper json, byte[] body) throws Unreadable {
    try {
      return json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
    } catch (JacksonException e) {
      throw new Unreadable(e.getOriginalMessage(), duplicatedMember(e));
    } catch (IOException e) {
      // Reading a byte array does no I/O; only Jackson's own exceptions can arise.
      throw new UncheckedIOException(e);
    }
  }

  /** The path of the member a duplicate-detection failure names, or null for any other failure. */
  private static String duplicatedMember(JacksonException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || e.getOriginalMessage() == null
        || !e.getOriginalMessage().startsWith("Duplicate field '")) {
      return null;
    }
    // The parser stops on the second occurrence, with the member's name as the current one.
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext at = parser.getParsingContext(); at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        path.insert(0, "[" + at.getCurrentIndex() + "]");
      } else {
        path.insert(0, (at.getParent() == null || at.getParent().inRoot() ? "" : ".") + at.getCurrentName());
      }
    }
    return path.toString();
  }

  /** A body that is not JSON, or that gives a member twice. */
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
