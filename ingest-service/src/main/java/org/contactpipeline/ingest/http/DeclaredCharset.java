package org.contactpipeline.ingest.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Locale;

/**
 * Refuses a request whose {@code Content-Type} names a charset other than UTF-8, before anything
 * reads it. Every API speaks UTF-8 only, and a declared charset is not merely ignored: the web
 * server decodes the query string with it (an unknown charset loses the query, a Latin-1 one turns
 * {@code %C3%A9} into two characters), so a request would mean one thing here and another to its
 * sender.
 */
public final class DeclaredCharset {

  private DeclaredCharset() {}

  /** Before-handler: 400 (in the API's error shape, via the app's handler) for another charset. */
  public static void check(Context ctx) {
    for (String contentType : Collections.list(ctx.req().getHeaders("Content-Type"))) {
      for (String parameter : contentType.split(";")) {
        int equals = parameter.indexOf('=');
        if (equals < 0
            || !parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("charset")) {
          continue;
        }
        String charset = parameter.substring(equals + 1).strip();
        if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
          charset = charset.substring(1, charset.length() - 1);
        }
        if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
          throw new BadRequestResponse(
              "The Content-Type names the charset '"
                  + shown(charset)
                  + "'; only utf-8 is accepted");
        }
      }
    }
  }

  private static String shown(String text) {
    String printable =
        text.codePoints()
            .map(c -> c < 0x20 || c >= 0x7F ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
  }
}
