package org.contactpipeline.ingest.ivvy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * iVvy's request signature, as its developer documentation ("Signing the request") defines it:
 * HMAC-SHA1, hex, over the lower-cased concatenation of the method, the {@code Content-MD5}, the
 * {@code Content-Type}, the {@code Date} header (empty when {@code IVVY-Date} is used), the request
 * string (path and query as sent), the API version, and the {@code IVVY*} headers as {@code
 * name=value} (names without dashes and underscores, sorted, joined by {@code &}). The
 * documentation's own example signs {@code
 * posta09f600c77a6dbd947db24c61e8935caapplication/json/api/1.0/test?action=ping1.0ivvydate=2012-04-03
 * 22:23:24}.
 */
final class IvvySignature {

  private IvvySignature() {}

  /**
   * @param ivvyHeaders every header whose name starts with {@code IVVY} (any case), name → value
   */
  static String stringToSign(
      String method,
      String contentMd5,
      String contentType,
      String date,
      String requestString,
      String apiVersion,
      Map<String, String> ivvyHeaders) {
    Map<String, String> sorted = new TreeMap<>();
    ivvyHeaders.forEach(
        (name, value) ->
            sorted.put(name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""), value));
    String headers =
        sorted.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
    return (method + contentMd5 + contentType + date + requestString + apiVersion + headers)
        .toLowerCase(Locale.ROOT);
  }

  /** The hex HMAC-SHA1 of {@code stringToSign} under {@code secret}. */
  static String sign(byte[] secret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /**
   * The hex MD5 of a body, as {@code Content-MD5} carries it in iVvy's API (not base64 as in RFC
   * 1864).
   */
  static String md5(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /**
   * Whether two hex strings are equal ignoring case, in time that does not depend on where they
   * differ.
   */
  static boolean sameHex(String expected, String presented) {
    return MessageDigest.isEqual(
        expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
