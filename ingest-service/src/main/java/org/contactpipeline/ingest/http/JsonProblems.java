package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that says what a JSON parser or binder failure means for the caller: which member,
 * and what was expected, in the APIs' own words. Jackson's messages name its classes, features and
 * limits ({@code java.util.ArrayList}, {@code JsonReadFeature...}, {@code [Source: ...]}), which
 * tell a client how the server is built rather than what is wrong with the request.
 */
public final class JsonProblems {

  private JsonProblems() {}

  /**
   * What is wrong, as a clause that follows "the request body is not valid JSON: " and the like.
   */
  public static String describe(JacksonException e) {
    String member = memberPath(e);
    String where = member == null ? "" : " in '" + member + "'";
    if (e instanceof StreamConstraintsException) {
      return "it exceeds a size limit" + where + " (" + limitBroken(e) + ")";
    }
    if (e instanceof JsonEOFException) {
      return "it ends before its JSON value is complete" + at(e.getLocation());
    }
    if (e instanceof InputCoercionException) {
      return "a number" + where + " is out of range";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return (member == null ? "the body" : "'" + member + "'")
          + " must be "
          + expected(mismatch.getTargetType());
    }
    if (e instanceof JsonMappingException) {
      return (member == null ? "the body" : "'" + member + "'")
          + " does not hold a value of the expected type";
    }
    return "it is not valid JSON" + at(e.getLocation()) + where;
  }

  /**
   * The path of the member a failure happened in ({@code contactKeys[2]}, {@code filter.email}), or
   * null at the top level: from the binder's path, or else from where the parser stopped.
   */
  public static String memberPath(JacksonException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        path.append(
            ref.getFieldName() != null
                ? (path.length() == 0 ? "" : ".") + ref.getFieldName()
                : "[" + ref.getIndex() + "]");
      }
      return path.toString();
    }
    if (e.getProcessor() instanceof JsonParser parser) {
      return pathOf(parser.getParsingContext());
    }
    return null;
  }

  /** The path of a parser's current context, or null at the top level. */
  static String pathOf(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        path.insert(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
      } else if (at.getCurrentName() != null) {
        path.insert(
            0,
            (at.getParent() == null || at.getParent().inRoot() ? "" : ".") + at.getCurrentName());
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Which of the reader's limits the body broke; the classes say only that one was. */
  private static String limitBroken(JacksonException e) {
    String original =
        e.getOriginalMessage() == null ? "" : e.getOriginalMessage().toLowerCase(Locale.ROOT);
    if (original.contains("nesting depth")) {
      return "arrays and objects nest more than 1000 levels deep";
    }
    if (original.contains("number")) {
      return "a number has more than 1000 digits";
    }
    if (original.contains("name")) {
      return "a member name is too long";
    }
    if (original.contains("string")) {
      return "a string is too long";
    }
    return "the body is too large or too deep to read";
  }

  private static String expected(Class<?> type) {
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == Character.class
        || type == char.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a value of another type";
  }
}
