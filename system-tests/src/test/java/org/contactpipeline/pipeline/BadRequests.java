package org.contactpipeline.pipeline;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.testing.ErrorShapes.Vendor;

/**
 * Generates requests an endpoint must refuse, each by breaking the endpoint's valid request in one
 * way (a family), with a seeded {@link Random} so a failing request can be sent again. Every family
 * yields a request that is wrong whatever the random choices, so any answer other than a refusal is
 * a finding, not noise.
 */
final class BadRequests {

  /**
   * One way to break a request, and whether it reaches the API or may be refused by the web server
   * first.
   */
  enum Family {
    BAD_UTF8(true),
    OTHER_ENCODING(true),
    OTHER_CHARSET(true),
    TRUNCATED(true),
    BAD_LITERAL(true),
    TRAILING(true),
    DUPLICATE(true),
    CASE_DUPLICATE(true),
    DEEP_NESTING(true),
    HUGE_NUMBER(true),
    HUGE_STRING(true),
    WRONG_TYPE(true),
    MISSING(true),
    NOT_AN_OBJECT(true),
    BAD_ESCAPE_PATH(false),
    BAD_ESCAPE_QUERY(false),
    TRAVERSAL(false),
    INJECTION(false),
    BAD_CHUNK(true),
    TRUNCATED_CHUNKED(true),
    SHORT_BODY(true),
    LENGTH_AND_CHUNKED(false),
    TWO_LENGTHS(false),
    HUGE_LENGTH(false),
    NEGATIVE_LENGTH(false),
    NUL_IN_HEADER(false),
    HUGE_HEADER(false),
    BAD_HEADER_LINE(false),
    UNKNOWN_TRANSFER_CODING(false);

    /** False when the web server may answer before any API, in its generic JSON. */
    final boolean reachesApi;

    Family(boolean reachesApi) {
      this.reachesApi = reachesApi;
    }
  }

  /**
   * One request on the wire. {@code closeAfterWriting}: the client half-closes, as a truncated
   * upload does.
   */
  record Request(
      FuzzEndpoint endpoint, Family family, String what, byte[] bytes, boolean closeAfterWriting) {

    /** The request as text for a report: non-printable bytes as \xNN, cut at 400 characters. */
    String shown() {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < bytes.length && text.length() < 400; i++) {
        int b = bytes[i] & 0xFF;
        text.append(
            b >= 0x20 && b < 0x7F || b == '\n'
                ? String.valueOf((char) b)
                : b == '\r' ? "" : String.format(java.util.Locale.ROOT, "\\x%02X", b));
      }
      return text.toString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "FUZZ-MARKER-7f3a";

  /** Ingest's body limit: a declared or real body past it must be refused with 413. */
  private static final int BODY_LIMIT = (int) IngestApp.MAX_REQUEST_BYTES;

  private static final List<String> BAD_UTF8 =
      List.of(
          "C0AF",
          "C1BF",
          "E080AF",
          "F08080AF",
          "EDA080",
          "EDBFBF",
          "F5808080",
          "FF",
          "FE",
          "F4908080",
          "F7BFBFBF",
          "E282",
          "F09F98",
          "80",
          "BF",
          "C2");
  private static final List<String> ENCODINGS =
      List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE", "UTF-32");
  private static final List<String> CHARSETS =
      List.of(
          "iso-8859-1",
          "utf-16",
          "UTF-16LE",
          "utf-32",
          "us-ascii",
          "windows-1252",
          "utf8",
          "utf-7",
          "",
          "\"latin1\"",
          "ebcdic-cp-us",
          "utf-8x");
  private static final List<String> BAD_LITERALS =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "01",
          ".5",
          "1.",
          "+1",
          "0x1F",
          "'single'",
          "undefined",
          "tru",
          "nul",
          "\"unterminated",
          "\"a\u0001b\"",
          "\"a\\qb\"",
          "\"\\u12\"",
          "1e",
          "--1",
          "[1,,2]",
          "{\"a\"}",
          "{a: 1}",
          "/* comment */ 1",
          "#");
  private static final List<String> TRAILERS =
      List.of(" {}", "}", "]", " x", ",", " \"a\"", " 1", " null", "{}", "\u0000", " // comment");
  private static final List<String> NOT_OBJECTS =
      List.of("[]", "[{}]", "\"x\"", "1", "null", "true", "-0", "[[]]");
  private static final List<String> BAD_ESCAPES =
      List.of(
          "%u0041",
          "%zz",
          "%",
          "%4",
          "%4G",
          "%C0%AF",
          "%ED%A0%80",
          "%FF",
          "%F5%80%80%80",
          "%E2%82",
          "%80",
          "%%",
          "%u",
          "%C1%81");
  private static final List<String> TRAVERSALS =
      List.of(
          "..",
          ".",
          "%2e%2e",
          "%2E",
          "..;",
          ";x=1",
          "",
          "%2F",
          "..%2F..",
          ".%2e",
          "%2e%2e%2f%2e%2e");
  private static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "1; DROP TABLE contacts; --",
          "\" OR \"\"=\"",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/a}",
          "{{7*7}}",
          "%00",
          "\u0000",
          "a\r\nX-Injected: 1",
          "*",
          "%",
          "_",
          "\\",
          "' UNION SELECT contact_key FROM contacts --",
          "$where",
          "{\"$gt\":\"\"}",
          "null",
          "-1",
          "0",
          "99999999999999999999999",
          "1e400",
          "\uFFFF",
          "\uD83D\uDE00",
          "a".repeat(3000));
  private static final Map<FuzzEndpoint.Kind, List<String>> WRONG_VALUES =
      Map.of(
          FuzzEndpoint.Kind.TEXT,
              List.of(
                  "1", "-2.5", "true", "false", "[]", "{}", "[\"a\"]", "{\"a\":\"b\"}", "1e400"),
          FuzzEndpoint.Kind.WHOLE_NUMBER,
              List.of(
                  "1.5",
                  "\"abc\"",
                  "true",
                  "[]",
                  "{}",
                  "\"1.5\"",
                  "[1]",
                  "{\"a\":1}",
                  "1e400",
                  "99999999999999999999999",
                  "\"\u0661\""),
          FuzzEndpoint.Kind.BOOLEAN,
              List.of("1.5", "2", "\"maybe\"", "[]", "{}", "[true]", "{\"a\":true}", "\"yes!\""),
          FuzzEndpoint.Kind.ARRAY, List.of("\"a\"", "1", "true", "{}", "{\"a\":[\"x\"]}"),
          FuzzEndpoint.Kind.OBJECT, List.of("\"a\"", "1", "true", "[]", "[{}]"));

  private final Random random;

  BadRequests(Random random) {
    this.random = random;
  }

  /** The families that can break this endpoint's request for sure. */
  static List<Family> familiesFor(FuzzEndpoint endpoint) {
    List<Family> families = new ArrayList<>();
    for (Family family : Family.values()) {
      boolean applies =
          switch (family) {
            case BAD_UTF8,
                OTHER_ENCODING,
                OTHER_CHARSET,
                TRUNCATED,
                BAD_LITERAL,
                TRAILING,
                DUPLICATE,
                DEEP_NESTING,
                HUGE_NUMBER,
                HUGE_STRING,
                WRONG_TYPE,
                NOT_AN_OBJECT,
                BAD_CHUNK,
                TRUNCATED_CHUNKED,
                SHORT_BODY ->
                endpoint.body() != null;
            case CASE_DUPLICATE -> endpoint.body() != null && endpoint.vendor() != Vendor.CENDYN;
            case MISSING -> !endpoint.required().isEmpty();
            case INJECTION -> !endpoint.parameters().isEmpty();
            default -> true;
          };
      if (applies) {
        families.add(family);
      }
    }
    return families;
  }

  Request next(FuzzEndpoint endpoint, Family family) {
    String body = endpoint.body();
    return switch (family) {
      case BAD_UTF8 -> {
        String hex = pick(BAD_UTF8);
        int at = random.nextInt(body.length() + 1);
        byte[] bad =
            concat(
                utf8(body.substring(0, at)),
                HexFormat.of().parseHex(hex),
                utf8(body.substring(at)));
        yield http(endpoint, family, "bytes " + hex + " at " + at, endpoint.path(), bad);
      }
      case OTHER_ENCODING -> {
        String charset = pick(ENCODINGS);
        yield http(
            endpoint, family, charset, endpoint.path(), body.getBytes(Charset.forName(charset)));
      }
      case OTHER_CHARSET -> {
        String charset = pick(CHARSETS);
        yield new Request(
            endpoint,
            family,
            charset,
            request(
                endpoint,
                endpoint.path(),
                "Content-Type: application/json; charset=" + charset + "\r\n",
                utf8(body)),
            false);
      }
      case TRUNCATED -> {
        int cut = 1 + random.nextInt(body.lastIndexOf('}') - 1);
        yield http(
            endpoint, family, "cut at " + cut, endpoint.path(), utf8(body.substring(0, cut)));
      }
      case BAD_LITERAL -> replaced(endpoint, family, pick(BAD_LITERALS));
      case TRAILING -> {
        String trailer = pick(TRAILERS);
        yield http(endpoint, family, trailer, endpoint.path(), utf8(body + trailer));
      }
      case DUPLICATE -> duplicated(endpoint, family, false);
      case CASE_DUPLICATE -> duplicated(endpoint, family, true);
      case DEEP_NESTING -> {
        int depth = 1001 + random.nextInt(4000);
        boolean arrays = random.nextBoolean();
        String deep =
            arrays
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        yield replaced(endpoint, family, deep);
      }
      case HUGE_NUMBER -> {
        String number =
            random.nextBoolean()
                ? "1" + "0".repeat(1001 + random.nextInt(5000))
                : pick(
                    List.of(
                        "1e400",
                        "-1e400",
                        "1e-400",
                        "99999999999999999999999",
                        "-99999999999999999999999",
                        "1" + "0".repeat(400) + ".5"));
        String pointer = pick(new ArrayList<>(endpoint.fields().keySet()));
        yield replacedAt(endpoint, family, pointer, number);
      }
      case HUGE_STRING ->
          replaced(
              endpoint, family, "\"" + "x".repeat(BODY_LIMIT + random.nextInt(BODY_LIMIT)) + "\"");
      case WRONG_TYPE -> {
        String pointer = pick(new ArrayList<>(endpoint.fields().keySet()));
        yield replacedAt(
            endpoint, family, pointer, pick(WRONG_VALUES.get(endpoint.fields().get(pointer))));
      }
      case MISSING -> {
        String pointer = pick(endpoint.required());
        JsonNode tree = tree(body);
        ((ObjectNode) tree.at(JsonPointer.compile(pointer).head()))
            .remove(JsonPointer.compile(pointer).last().getMatchingProperty());
        yield http(endpoint, family, "without " + pointer, endpoint.path(), utf8(tree.toString()));
      }
      case NOT_AN_OBJECT -> {
        List<String> bodies = new ArrayList<>(NOT_OBJECTS);
        bodies.add("[" + body + "]");
        if (!endpoint.required().isEmpty()) {
          bodies.add("");
          bodies.add("  \n ");
        }
        String other = pick(bodies);
        yield http(
            endpoint, family, other.length() > 40 ? "[body]" : other, endpoint.path(), utf8(other));
      }
      case BAD_ESCAPE_PATH -> {
        String[] split = splitQuery(endpoint.path());
        String[] segments = split[0].split("/", -1);
        int segment = 1 + random.nextInt(segments.length - 1);
        String escape = pick(BAD_ESCAPES);
        int at = random.nextInt(segments[segment].length() + 1);
        segments[segment] =
            segments[segment].substring(0, at) + escape + segments[segment].substring(at);
        yield withPath(
            endpoint,
            family,
            "segment " + segment + " with " + escape,
            String.join("/", segments) + split[1]);
      }
      case BAD_ESCAPE_QUERY -> {
        String[] split = splitQuery(endpoint.path());
        String escape = pick(BAD_ESCAPES);
        String query =
            split[1].isEmpty()
                ? "?" + pick(List.of("q", "email", "x")) + "=" + escape
                : random.nextBoolean()
                    ? split[1] + "&" + pick(List.of("q", "a" + escape, "type")) + "=" + escape
                    : split[1].replaceFirst("=", "=" + escape);
        yield withPath(endpoint, family, query, split[0] + query);
      }
      case TRAVERSAL -> {
        String[] split = splitQuery(endpoint.path());
        String[] segments = split[0].split("/", -1);
        List<Integer> routeWords = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
          if (!segments[i].isEmpty() && !endpoint.parameters().contains(Integer.toString(i))) {
            routeWords.add(i);
          }
        }
        int segment = pick(routeWords);
        String traversal = pick(TRAVERSALS);
        segments[segment] = traversal;
        yield withPath(
            endpoint,
            family,
            "segment " + segment + " as '" + traversal + "'",
            String.join("/", segments) + split[1]);
      }
      case INJECTION -> injected(endpoint, family);
      case BAD_CHUNK -> {
        String size =
            pick(
                List.of(
                    "zz", "-1", "ffffffffffffffffffff", "5 5", "0x5", "", "g", "1;\u0000", "+5"));
        yield new Request(
            endpoint,
            family,
            "chunk size '" + size + "'",
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"),
                utf8(size + "\r\n" + body + "\r\n0\r\n\r\n")),
            false);
      }
      case TRUNCATED_CHUNKED -> {
        int declared = body.length() + 1 + random.nextInt(1000);
        yield new Request(
            endpoint,
            family,
            "chunk of " + declared + " with " + body.length() + " bytes",
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"),
                utf8(Integer.toHexString(declared) + "\r\n" + body)),
            true);
      }
      case SHORT_BODY -> {
        int declared = body.length() + 1 + random.nextInt(10_000);
        yield new Request(
            endpoint,
            family,
            "Content-Length " + declared + " with " + body.length() + " bytes",
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n"),
                utf8(body)),
            true);
      }
      case LENGTH_AND_CHUNKED -> {
        String chunked =
            body == null
                ? "0\r\n\r\n"
                : Integer.toHexString(body.length() / 2)
                    + "\r\n"
                    + body.substring(0, body.length() / 2)
                    + "\r\n0\r\n\r\n";
        yield new Request(
            endpoint,
            family,
            "Content-Length and chunked",
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nContent-Length: "
                        + chunked.length()
                        + "\r\nTransfer-Encoding: chunked\r\n"),
                utf8(chunked)),
            false);
      }
      case TWO_LENGTHS -> {
        byte[] content = utf8(body == null ? "{}" : body);
        yield new Request(
            endpoint,
            family,
            "two Content-Length headers",
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nContent-Length: "
                        + content.length
                        + "\r\nContent-Length: "
                        + (content.length + 1 + random.nextInt(50))
                        + "\r\n"),
                content),
            false);
      }
      case HUGE_LENGTH -> {
        String declared =
            pick(
                List.of(
                    "10000000000",
                    "9223372036854775807",
                    "99999999999999999999",
                    "4294967296",
                    "2147483648",
                    Integer.toString(BODY_LIMIT + 1)));
        yield new Request(
            endpoint,
            family,
            "Content-Length " + declared,
            concat(
                head(
                    endpoint,
                    endpoint.path(),
                    "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n"),
                utf8(body == null ? "{\"a\": 1}" : body)),
            false);
      }
      case NEGATIVE_LENGTH ->
          new Request(
              endpoint,
              family,
              "negative length",
              concat(
                  head(
                      endpoint,
                      endpoint.path(),
                      "Content-Type: application/json\r\nContent-Length: "
                          + pick(List.of("-1", "-0", "1e3", "0x10", "1 2", ""))
                          + "\r\n"),
                  utf8(body == null ? "" : body)),
              false);
      case NUL_IN_HEADER -> headerOnly(endpoint, family, "X-Note: a\u0000b\r\n");
      case HUGE_HEADER ->
          headerOnly(
              endpoint, family, "X-Note: " + "h".repeat(9000 + random.nextInt(20_000)) + "\r\n");
      case BAD_HEADER_LINE ->
          headerOnly(
              endpoint,
              family,
              pick(
                  List.of(
                      "Bad Header\r\n",
                      " folded: x\r\n",
                      "X-A : b\r\n",
                      ": empty\r\n",
                      "X-\u00FF: b\r\n",
                      "X-B: a\rb\r\n",
                      "Host: a\r\n")));
      case UNKNOWN_TRANSFER_CODING ->
          new Request(
              endpoint,
              family,
              "Transfer-Encoding bogus",
              concat(
                  head(
                      endpoint,
                      endpoint.path(),
                      "Content-Type: application/json\r\nTransfer-Encoding: "
                          + pick(List.of("bogus", "chunked, bogus", "identity", "chunked, chunked"))
                          + "\r\n"),
                  utf8("5\r\n{}\r\n0\r\n\r\n")),
              false);
    };
  }

  private Request injected(FuzzEndpoint endpoint, Family family) {
    String parameter = pick(endpoint.parameters());
    String injection = pick(INJECTIONS);
    String[] split = splitQuery(endpoint.path());
    String encoded = percentEncode(injection);
    if (Character.isDigit(parameter.charAt(0))) {
      String[] segments = split[0].split("/", -1);
      int segment = Integer.parseInt(parameter);
      int colon = segments[segment].indexOf(':');
      segments[segment] = segments[segment].substring(0, colon + 1) + encoded;
      return withPath(
          endpoint,
          family,
          "segment " + segment + " = " + shorten(injection),
          String.join("/", segments) + split[1]);
    }
    String query =
        split[1].replaceFirst(
            "([?&])" + java.util.regex.Pattern.quote(parameter) + "=[^&]*",
            "$1" + java.util.regex.Matcher.quoteReplacement(parameter + "=" + encoded));
    return withPath(endpoint, family, parameter + " = " + shorten(injection), split[0] + query);
  }

  private Request replaced(FuzzEndpoint endpoint, Family family, String raw) {
    return replacedAt(endpoint, family, pick(new ArrayList<>(endpoint.fields().keySet())), raw);
  }

  /** The valid body with the value at {@code pointer} replaced by raw JSON text (valid or not). */
  private Request replacedAt(FuzzEndpoint endpoint, Family family, String pointer, String raw) {
    JsonNode tree = tree(endpoint.body());
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = tree.at(at.head());
    if (parent instanceof ObjectNode object) {
      object.set(at.last().getMatchingProperty(), TextNode.valueOf(MARKER));
    } else {
      ((ArrayNode) parent).set(at.last().getMatchingIndex(), TextNode.valueOf(MARKER));
    }
    String body = tree.toString().replace("\"" + MARKER + "\"", raw);
    return http(endpoint, family, pointer + " = " + shorten(raw), endpoint.path(), utf8(body));
  }

  /**
   * The valid body with one member of one object given twice (in another case when {@code
   * otherCase}).
   */
  private Request duplicated(FuzzEndpoint endpoint, Family family, boolean otherCase) {
    JsonNode tree = tree(endpoint.body());
    List<ObjectNode> objects = new ArrayList<>();
    if (otherCase) {
      objects.add((ObjectNode) tree);
    } else {
      collectObjects(tree, objects);
    }
    ObjectNode target = pick(objects);
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    String name = pick(names);
    String twin = otherCase ? swapFirstCase(name) : name;
    StringBuilder text = new StringBuilder();
    write(tree, target, name, twin, text);
    return http(
        endpoint,
        family,
        "'" + name + "' and '" + twin + "'",
        endpoint.path(),
        utf8(text.toString()));
  }

  private static void write(
      JsonNode node, ObjectNode target, String name, String twin, StringBuilder text) {
    if (node.isObject()) {
      text.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        first = member(field.getKey(), field.getValue(), first, target, name, twin, text);
        if (node == target && field.getKey().equals(name)) {
          first = member(twin, field.getValue(), first, target, name, twin, text);
        }
      }
      text.append('}');
    } else if (node.isArray()) {
      text.append('[');
      for (int i = 0; i < node.size(); i++) {
        text.append(i == 0 ? "" : ",");
        write(node.get(i), target, name, twin, text);
      }
      text.append(']');
    } else {
      text.append(node);
    }
  }

  private static boolean member(
      String key,
      JsonNode value,
      boolean first,
      ObjectNode target,
      String name,
      String twin,
      StringBuilder text) {
    text.append(first ? "" : ",").append(TextNode.valueOf(key)).append(':');
    write(value, target, name, twin, text);
    return false;
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object && object.size() > 0) {
      objects.add(object);
    }
    node.elements().forEachRemaining(child -> collectObjects(child, objects));
  }

  private static String swapFirstCase(String name) {
    char first = name.charAt(0);
    char swapped =
        Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
    return swapped + name.substring(1);
  }

  private Request withPath(FuzzEndpoint endpoint, Family family, String what, String path) {
    byte[] body = endpoint.body() == null ? null : utf8(endpoint.body());
    return new Request(
        endpoint,
        family,
        what,
        request(endpoint, path, body == null ? "" : "Content-Type: application/json\r\n", body),
        false);
  }

  private Request http(
      FuzzEndpoint endpoint, Family family, String what, String path, byte[] body) {
    return new Request(
        endpoint,
        family,
        what,
        request(endpoint, path, "Content-Type: application/json\r\n", body),
        false);
  }

  private Request headerOnly(FuzzEndpoint endpoint, Family family, String header) {
    byte[] body = utf8(endpoint.body() == null ? "" : endpoint.body());
    return new Request(
        endpoint,
        family,
        shorten(header.strip()),
        concat(
            head(
                endpoint,
                endpoint.path(),
                header
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n"),
            body),
        false);
  }

  private static byte[] request(FuzzEndpoint endpoint, String path, String headers, byte[] body) {
    if (body == null) {
      return head(endpoint, path, headers);
    }
    return concat(head(endpoint, path, headers + "Content-Length: " + body.length + "\r\n"), body);
  }

  private static byte[] head(FuzzEndpoint endpoint, String path, String headers) {
    return (endpoint.method()
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: "
            + endpoint.authorization()
            + "\r\n"
            + headers
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String[] splitQuery(String path) {
    int question = path.indexOf('?');
    return question < 0
        ? new String[] {path, ""}
        : new String[] {path.substring(0, question), path.substring(question)};
  }

  /** Percent-encodes everything but unreserved characters, as a careful client would. */
  private static String percentEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : utf8(text)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append(String.format(java.util.Locale.ROOT, "%%%02X", c));
      }
    }
    return encoded.toString();
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 40) + "...(" + text.length() + " chars)";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
