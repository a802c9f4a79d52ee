package org.contactpipeline.ingest.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one decoding rule for paths and query strings, checked before any API sees a request: every
 * {@code %} starts an escape of two hex digits, and the escaped bytes are well-formed UTF-8. The
 * decoders behind path and query parameters handle anything else badly: {@code %u0041} makes one
 * throw (a 500), and the other drops a parameter it cannot decode, which silently widens a filter
 * to the whole list. A request either means exactly one thing or is refused with 400.
 */
public final class UriEscapes {

  private UriEscapes() {}

  /**
   * Before-handler: 400 (in the API's error shape, via the app's handler) for an undecodable path
   * or query.
   */
  public static void check(Context ctx) {
    refuseUndecodable("path", ctx.req().getRequestURI());
    refuseUndecodable("query string", ctx.queryString());
  }

  /** Null when {@code raw} decodes; otherwise why not. */
  static String problemWith(String raw) {
    if (raw == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
        return "'%' at character " + i + " does not start an escape of two hex digits (%XX)";
      }
      bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
      i += 2;
    }
    byte[] decoded = bytes.toByteArray();
    int bad = Utf8.firstMalformedByte(decoded);
    return bad == Utf8.WELL_FORMED ? null : "its escapes do not decode to well-formed UTF-8";
  }

  private static void refuseUndecodable(String part, String raw) {
    String problem = problemWith(raw);
    if (problem != null) {
      throw new BadRequestResponse("The request's " + part + " cannot be decoded: " + problem);
    }
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
