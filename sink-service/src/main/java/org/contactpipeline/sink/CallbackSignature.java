package org.contactpipeline.sink;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a callback carries, so that its receiver can tell it comes from this deployment and
 * was not altered or replayed later: header {@value #HEADER} is {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, t + "." + body)>}. The timestamp is inside the signed text, so an old
 * delivery cannot be passed off as new; a receiver refuses signatures older than a tolerance of its
 * choice (five minutes is usual). The scheme is Stripe's, which receivers often already know.
 *
 * <p>A receiver verifies with {@link #verify} (or the same few lines in any language: recompute the
 * HMAC over {@code t + "." + body} with the shared secret and compare in constant time).
 */
public final class CallbackSignature {

  public static final String HEADER = "X-Contact-Pipeline-Signature";

  private static final String ALGORITHM = "HmacSHA256";

  private CallbackSignature() {}

  /** The header's value for {@code body} sent at {@code time}. */
  public static String sign(String secret, Instant time, byte[] body) {
    long seconds = time.getEpochSecond();
    return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, seconds, body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} by {@code secret}, made no longer
   * than {@code tolerance} from {@code now} (either way, for clocks that differ).
   */
  public static boolean verify(
      String secret, String header, byte[] body, Instant now, Duration tolerance) {
    Optional<Long> seconds = field(header, "t").flatMap(CallbackSignature::parseLong);
    Optional<byte[]> signature = field(header, "v1").flatMap(CallbackSignature::parseHex);
    if (seconds.isEmpty() || signature.isEmpty()) {
      return false;
    }
    long age = Math.abs(now.getEpochSecond() - seconds.get());
    return age <= tolerance.toSeconds()
        && MessageDigest.isEqual(hmac(secret, seconds.get(), body), signature.get());
  }

  private static byte[] hmac(String secret, long seconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime has HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("cannot compute " + ALGORITHM, e);
    }
  }

  private static Optional<String> field(String header, String name) {
    if (header == null) {
      return Optional.empty();
    }
    for (String part : header.split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair.length == 2 && pair[0].equals(name)) {
        return Optional.of(pair[1]);
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> parseHex(String text) {
    try {
      return Optional.of(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
