package org.contactpipeline.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks Marketing Cloud access tokens. A token is self-contained and signed: {@code
 * base64url(claims JSON) "." base64url(HMAC-SHA256(claims))}. Every ingest instance configured with
 * the same signing keys accepts every other's tokens without shared state, and a lost instance
 * loses nothing. The first key signs; every key verifies, so a new key is added everywhere first,
 * made first later, and the old one removed once its tokens have expired. The price of stateless
 * tokens: one cannot be revoked before it expires, except by removing its client from configuration
 * (a token of an unknown client is refused).
 */
public final class AccessTokens {

  private static final String HMAC = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 32;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKeySpec> keys;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AccessTokens(List<String> signingKeys, Duration lifetime, Clock clock) {
    List<SecretKeySpec> specs = new ArrayList<>();
    for (String key : signingKeys) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "auth.token-signing-keys: every key needs at least "
                + MIN_KEY_BYTES
                + " bytes; key "
                + (specs.size() + 1)
                + " has "
                + bytes.length);
      }
      specs.add(new SecretKeySpec(bytes, HMAC));
    }
    this.keys = List.copyOf(specs);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Keys from {@code key,key}: the first signs. */
  public static List<String> parseKeys(String spec) {
    return java.util.Arrays.stream(spec.split(","))
        .map(String::strip)
        .filter(k -> !k.isEmpty())
        .toList();
  }

  public boolean canIssue() {
    return !keys.isEmpty();
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A new token for {@code client}, valid for {@link #lifetime()} from now. */
  public String issue(OAuthClient client, String scope) {
    if (keys.isEmpty()) {
      throw new IllegalStateException("no auth.token-signing-keys configured");
    }
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    ObjectNode claims =
        JSON.createObjectNode()
            .put("cid", client.clientId())
            .put("ten", client.tenant())
            .put("mid", client.mid())
            .put("scp", scope)
            .put("exp", clock.instant().plus(lifetime).getEpochSecond())
            .put("jti", ENCODER.encodeToString(nonce));
    String payload = ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODER.encodeToString(sign(keys.get(0), payload));
  }

  /** The claims of a token signed by one of the keys and not yet expired; empty otherwise. */
  public Optional<AccessToken> verify(String token) {
    if (!isSigned(token)) {
      return Optional.empty();
    }
    String payload = token.substring(0, token.indexOf('.'));
    try {
      // Only a payload this service signed gets parsed.
      JsonNode claims = JSON.readTree(DECODER.decode(payload));
      Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
      if (!clock.instant().isBefore(expiresAt)) {
        return Optional.empty();
      }
      return Optional.of(
          new AccessToken(
              claims.path("cid").asText(),
              claims.path("ten").asText(),
              claims.path("mid").asLong(),
              claims.path("scp").asText(),
              expiresAt));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether one of the keys signed this token, expired or not. A signed token cannot be guessed, so
   * presenting one that expired is a client that needs to log in again, not an attack.
   */
  public boolean isSigned(String token) {
    int dot = token.indexOf('.');
    if (keys.isEmpty() || dot <= 0 || dot != token.lastIndexOf('.')) {
      return false;
    }
    String payload = token.substring(0, dot);
    byte[] presented;
    try {
      presented = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean signed = false;
    for (SecretKeySpec key : keys) {
      signed |= MessageDigest.isEqual(sign(key, payload), presented);
    }
    return signed;
  }

  private static byte[] sign(SecretKeySpec key, String payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "AccessTokens[" + keys.size() + " signing key(s), lifetime " + lifetime + "]";
  }
}
