package org.contactpipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final String KEY = "first-signing-key-of-at-least-32-bytes";
  private static final String NEW_KEY = "second-signing-key-of-at-least-32-bytes";
  private static final OAuthClient CLIENT =
      new OAuthClient("demo-client", "demo", 12345, List.of(SecretHash.of("s")), Set.of());

  private final MovableClock clock = new MovableClock(Instant.parse("2024-05-01T10:00:00Z"));

  @Test
  void shouldNameTheClientsTenantUntilTheTokenExpires() {
    AccessTokens tokens = new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock);
    String token = tokens.issue(CLIENT, "email_read");

    assertThat(tokens.verify(token))
        .hasValueSatisfying(
            claims -> {
              assertThat(claims.tenant()).isEqualTo("demo");
              assertThat(claims.clientId()).isEqualTo("demo-client");
              assertThat(claims.mid()).isEqualTo(12345);
              assertThat(claims.scope()).isEqualTo("email_read");
            });
    clock.advance(Duration.ofMinutes(20).minusSeconds(1));
    assertThat(tokens.verify(token)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.verify(token)).isEmpty();
    assertThat(tokens.isSigned(token)).as("expired, but issued here").isTrue();
  }

  @Test
  void shouldGrantExactlyTheScopesItWasIssuedWith() {
    AccessTokens tokens = new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock);

    AccessToken both =
        tokens
            .verify(tokens.issue(CLIENT, "list_and_subscribers_read list_and_subscribers_write"))
            .orElseThrow();
    AccessToken none = tokens.verify(tokens.issue(CLIENT, "")).orElseThrow();

    assertThat(both.grants("list_and_subscribers_write")).isTrue();
    assertThat(both.grants("list_and_subscribers")).isFalse();
    assertThat(none.grants("list_and_subscribers_read")).isFalse();
    assertThat(none.grants("")).as("an empty scope is no scope").isFalse();
  }

  @Test
  void shouldBeAcceptedByAnotherInstanceWithTheSameKeys() {
    String token = new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock).issue(CLIENT, "");

    assertThat(new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock).verify(token))
        .isPresent();
    assertThat(new AccessTokens(List.of(NEW_KEY), Duration.ofMinutes(20), clock).verify(token))
        .isEmpty();
  }

  @Test
  void shouldAcceptTokensOfTheOldKeyWhileANewKeySigns() {
    String old = new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock).issue(CLIENT, "");
    AccessTokens rotated = new AccessTokens(List.of(NEW_KEY, KEY), Duration.ofMinutes(20), clock);
    String fresh = rotated.issue(CLIENT, "");

    assertThat(rotated.verify(old)).isPresent();
    assertThat(rotated.verify(fresh)).isPresent();
    assertThat(new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock).verify(fresh))
        .as("signed with the new key only")
        .isEmpty();
  }

  @Test
  void shouldRefuseATokenWhoseClaimsWereChanged() {
    AccessTokens tokens = new AccessTokens(List.of(KEY), Duration.ofMinutes(20), clock);
    String token = tokens.issue(CLIENT, "");
    String claims =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    claims.replace("\"demo\"", "\"acme\"").getBytes(StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'));

    assertThat(claims).contains("\"demo\"");
    assertThat(tokens.verify(forged)).isEmpty();
    assertThat(tokens.isSigned(forged)).isFalse();
    assertThat(tokens.verify("not-a-token")).isEmpty();
    assertThat(tokens.verify(token + "x")).isEmpty();
  }

  @Test
  void shouldRefuseShortSigningKeys() {
    assertThatThrownBy(() -> new AccessTokens(List.of("short"), Duration.ofMinutes(20), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
  }
}
