package org.contactpipeline.pipeline;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request the way iVvy's developer documentation tells a client to ("Signing the request",
 * "Custom Headers", "HMAC-SHA1"), written from that text and not from the server's code, so a test
 * that passes means the server verifies what a vendor-following client sends: {@code
 * lowercase(method + md5(body) + contentType + date + requestString + apiVersion + ivvyHeaders)},
 * HMAC-SHA1 in hex, sent as {@code X-Api-Authorization: IWS key:signature}. It uses the {@code
 * IVVY-Date} header (Java's HTTP client may not set {@code Date}), so the date part is empty and
 * the IVVY headers part is {@code ivvydate=<timestamp>}.
 */
final class IvvyDocumentedSigner {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String key;
  private final String secret;

  IvvyDocumentedSigner(String key, String secret) {
    this.key = key;
    this.secret = secret;
  }

  /** A POST of {@code body} to {@code baseUrl + requestString}, signed at {@code at}. */
  HttpRequest post(String baseUrl, String requestString, String body, Instant at) {
    return signedOver(baseUrl, requestString, body, body, at);
  }

  /** Signed over {@code signedBody} but sending {@code sentBody}: a body changed in transit. */
  HttpRequest signedOver(
      String baseUrl, String requestString, String signedBody, String sentBody, Instant at) {
    String contentMd5 = hex(digest(signedBody));
    String contentType = "application/json";
    String ivvyDate = TIMESTAMP.format(at);
    String apiVersion = "1.0";
    String stringToSign =
        ("POST"
                + contentMd5
                + contentType
                + ""
                + requestString
                + apiVersion
                + "ivvydate="
                + ivvyDate)
            .toLowerCase(Locale.ROOT);
    return HttpRequest.newBuilder(URI.create(baseUrl + requestString))
        .header("Content-Type", contentType)
        .header("Content-MD5", contentMd5)
        .header("IVVY-Date", ivvyDate)
        .header("X-Api-Version", apiVersion)
        .header("X-Api-Authorization", "IWS " + key + ":" + hex(hmacSha1(stringToSign)))
        .POST(HttpRequest.BodyPublishers.ofString(sentBody))
        .build();
  }

  private static byte[] digest(String body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] hmacSha1(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
