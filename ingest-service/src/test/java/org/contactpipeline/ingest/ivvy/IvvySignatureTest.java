package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of iVvy's developer documentation, reproduced exactly. */
class IvvySignatureTest {

  @Test
  void shouldBuildTheDocumentedStringToSign() {
    // "Signing the request": the ping example, which uses IVVY-Date, so the date part is empty.
    String stringToSign =
        IvvySignature.stringToSign(
            "POST",
            "a09f600c77a6dbd947db24c61e8935ca",
            "application/json",
            "",
            "/api/1.0/test?action=ping",
            "1.0",
            Map.of("IVVY-Date", "2012-04-03 22:23:24"));

    assertThat(stringToSign)
        .isEqualTo(
            "posta09f600c77a6dbd947db24c61e8935caapplication/json/api/1.0/test?action=ping1.0ivvydate=2012-04-03 22:23:24");
  }

  @Test
  void shouldSortIvvyHeadersWithoutDashesOrUnderscoresAndJoinThemWithAmpersands() {
    String stringToSign =
        IvvySignature.stringToSign(
            "post",
            "",
            "",
            "",
            "/x",
            "1.0",
            Map.of("Ivvy_Zone", "B", "IVVY-Date", "2012-04-03 22:23:24"));

    assertThat(stringToSign).isEqualTo("post/x1.0ivvydate=2012-04-03 22:23:24&ivvyzone=b");
  }

  @Test
  void shouldSignWithHexHmacSha1AsDocumented() {
    // "HMAC-SHA1": echo -n "string to sign" | openssl dgst -sha1 -hmac "my secret key"
    assertThat(
            IvvySignature.sign("my secret key".getBytes(StandardCharsets.UTF_8), "string to sign"))
        .isEqualTo("a993876ea1218921a1c8551923473da7b310dfae");
  }

  @Test
  void shouldGiveTheDocumentedContentMd5OfTheExampleBody() {
    assertThat(IvvySignature.md5("{\"example\":\"body\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("a09f600c77a6dbd947db24c61e8935ca");
  }

  @Test
  void shouldReadBothDateFormsAsUtc() {
    Instant expected = Instant.parse("2012-04-03T22:23:24Z");

    assertThat(IvvyRequestDate.of("2012-04-03 22:23:24", null)).contains(expected);
    assertThat(IvvyRequestDate.of(null, "Tue, 03 Apr 2012 22:23:24 UTC")).contains(expected);
    assertThat(IvvyRequestDate.of(null, "Tue, 03 Apr 2012 22:23:24 GMT")).contains(expected);
    assertThat(IvvyRequestDate.of(null, "yesterday")).isEmpty();
    assertThat(IvvyRequestDate.of(null, null)).isEmpty();
  }
}
