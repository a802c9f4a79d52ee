package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one step that turns a request body into text, for every API: the body must be well-formed
 * UTF-8 (RFC 3629); {@link DeclaredCharset} has already refused a request that says it is not.
 * Everything after this step sees text only, so no parser can guess an encoding: Jackson would read
 * a body with NUL bytes or a byte-order mark as UTF-16 or UTF-32, and a lenient decoder maps every
 * bad byte to U+FFFD, both of which can make two different keys one. A body that cannot be read to
 * its end (a broken chunked encoding, a connection closed early) is the client's fault like any
 * other unreadable body.
 */
public final class BodyText {

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private BodyText() {}

  /** The request's body as text; refused when it is not UTF-8 or was not received whole. */
  public static String of(Context ctx) throws JsonBodies.Unreadable {
    return decode(received(ctx));
  }

  /**
   * {@code bytes} as text, when they are well-formed UTF-8 holding no NUL; a UTF-8 byte-order mark
   * is dropped.
   */
  public static String decode(byte[] bytes) throws JsonBodies.Unreadable {
    int bad = Utf8.firstMalformedByte(bytes);
    if (bad != Utf8.WELL_FORMED) {
      throw new JsonBodies.Unreadable(
          "the body is not well-formed UTF-8 (byte "
              + bad
              + " is 0x"
              + String.format(Locale.ROOT, "%02X", bytes[bad] & 0xFF)
              + "); send JSON in UTF-8",
          null);
    }
    for (int i = 0; i < bytes.length; i++) {
      // JSON text never holds a raw NUL; a NUL is what UTF-16 and UTF-32 put beside every ASCII
      // letter.
      if (bytes[i] == 0) {
        throw new JsonBodies.Unreadable(
            "the body holds a NUL byte at byte " + i + " (UTF-16 or UTF-32?); send JSON in UTF-8",
            null);
      }
    }
    int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  private static byte[] received(Context ctx) throws JsonBodies.Unreadable {
    try {
      byte[] body = ctx.bodyAsBytes();
      DeclaredLength.checkReceived(ctx, body);
      return body;
    } catch (HttpResponseException answered) {
      throw answered; // the body limit's 413, answered as it is
    } catch (Exception broken) {
      // Jetty reports a malformed chunk, an early end or a reset as an I/O failure of the read;
      // none of them is the server's fault, and none leaves a body to judge.
      throw new JsonBodies.Unreadable(
          "the body could not be read to its end (a malformed chunked encoding,"
              + " or fewer bytes than announced)",
          null);
    }
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= UTF8_BOM.length
        && bytes[0] == UTF8_BOM[0]
        && bytes[1] == UTF8_BOM[1]
        && bytes[2] == UTF8_BOM[2];
  }
}
