package org.contactpipeline.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored, salted PBKDF2-HMAC-SHA256 hash of a client secret, so configuration never holds a
 * Marketing Cloud client secret itself. Text form: {@code pbkdf2-sha256.<iterations>.<salt>.<hash>}
 * with base64url salt and hash; dots because they need no quoting in a shell or a properties file.
 * {@link #main} prints the hash of a secret for configuration.
 */
public final class SecretHash {

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int DEFAULT_ITERATIONS = 100_000;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private SecretHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code secret} with a random salt. */
  public static SecretHash of(String secret) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new SecretHash(DEFAULT_ITERATIONS, salt, derive(secret, salt, DEFAULT_ITERATIONS));
  }

  /** Reads the text form; the message never repeats the text, which is secret-derived. */
  public static SecretHash parse(String text) {
    String[] parts = text.strip().split("\\.");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "a secret hash must look like " + PREFIX + ".<iterations>.<salt>.<hash>");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = DECODER.decode(parts[2]);
      byte[] hash = DECODER.decode(parts[3]);
      if (iterations < 1 || salt.length < 8 || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException(
            "a secret hash needs iterations ≥ 1, a salt of ≥ 8 bytes and a 32-byte hash");
      }
      return new SecretHash(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a secret hash's iterations must be a whole number");
    }
  }

  /**
   * Whether {@code secret} is the one hashed; the comparison takes the same time wherever they
   * differ.
   */
  public boolean matches(String secret) {
    return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  @Override
  public String toString() {
    return PREFIX
        + "."
        + iterations
        + "."
        + ENCODER.encodeToString(salt)
        + "."
        + ENCODER.encodeToString(hash);
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    char[] chars =
        new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).toCharArray();
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(chars, salt, iterations, HASH_BITS))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  /** Prints the hash of the secret given as the only argument (or read from standard input). */
  public static void main(String[] args) throws java.io.IOException {
    String secret =
        args.length > 0
            ? args[0]
            : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    System.out.println(of(secret));
  }
}
