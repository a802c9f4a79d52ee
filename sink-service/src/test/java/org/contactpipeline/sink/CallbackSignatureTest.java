package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

  private static final String SECRET = "whsec-test";
  private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000L);
  private static final byte[] BODY = "{\"jobId\":\"j-1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void shouldSignTheTimestampAndBodyWithHmacSha256InHex() {
    // printf '%s' '1700000000.{"jobId":"j-1"}' | openssl dgst -sha256 -hmac 'whsec-test'
    assertThat(CallbackSignature.sign(SECRET, SENT, BODY))
        .isEqualTo(
            "t=1700000000,v1=f88cf8f6d1a610fed4f44aad3d0a40d6e160d855058ae16006eaba021dd1b5b6");
  }

  @Test
  void shouldVerifyItsOwnSignatureWithinTheTolerance() {
    String header = CallbackSignature.sign(SECRET, SENT, BODY);

    assertThat(CallbackSignature.verify(SECRET, header, BODY, SENT.plusSeconds(299), TOLERANCE))
        .isTrue();
  }

  @Test
  void shouldRefuseAnAlteredBodyAnotherSecretOrAnOldSignature() {
    String header = CallbackSignature.sign(SECRET, SENT, BODY);
    byte[] altered = "{\"jobId\":\"j-2\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(CallbackSignature.verify(SECRET, header, altered, SENT, TOLERANCE)).isFalse();
    assertThat(CallbackSignature.verify("other", header, BODY, SENT, TOLERANCE)).isFalse();
    assertThat(CallbackSignature.verify(SECRET, header, BODY, SENT.plusSeconds(301), TOLERANCE))
        .isFalse();
  }

  @Test
  void shouldRefuseATimestampMovedWithTheSameSignature() {
    String header = CallbackSignature.sign(SECRET, SENT, BODY);
    String replayed = header.replace("t=1700000000", "t=1700000600");

    assertThat(CallbackSignature.verify(SECRET, replayed, BODY, SENT.plusSeconds(600), TOLERANCE))
        .isFalse();
  }

  @Test
  void shouldRefuseMalformedHeaders() {
    for (String header :
        new String[] {null, "", "t=1700000000", "v1=00", "t=x,v1=00", "t=1700000000,v1=zz"}) {
      assertThat(CallbackSignature.verify(SECRET, header, BODY, SENT, TOLERANCE))
          .as("%s", header)
          .isFalse();
    }
  }
}
