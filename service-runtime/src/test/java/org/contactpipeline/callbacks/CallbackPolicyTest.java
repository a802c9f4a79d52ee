package org.contactpipeline.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackPolicyTest {

  private final CallbackPolicy byDefault = CallbackPolicy.publicHostsOnly();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example.com/contacts",
        "http://hooks.example.com:8080/a?b=c",
        "https://93.184.216.34/hook",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/hook"
      })
  void shouldTakeAnAbsoluteHttpUrlOfAPublicHost(String url) {
    assertThat(byDefault.problemWith(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hooks.example.com/contacts",
        "/relative",
        "ftp://hooks.example.com/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://user:secret@hooks.example.com/",
        "https://",
        "https://exa mple.com/"
      })
  void shouldRefuseWhatIsNotAnAbsoluteHttpUrlWithoutCredentials(String url) {
    assertThat(byDefault.problemWith(url)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/",
        "http://localhost/",
        "http://api.localhost/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/"
      })
  void shouldRefuseAddressesThatAreNotPublicByDefault(String url) {
    assertThat(byDefault.problemWith(url)).get().asString().contains("not a public address");
  }

  @Test
  void shouldTakeTheLoopbackAddressWhenTheDeploymentAllowsPrivateAddresses() {
    CallbackPolicy inTests = CallbackPolicy.of("", true);

    assertThat(inTests.problemWith("http://127.0.0.1:8080/hook")).isEmpty();
  }

  @Test
  void shouldTakeOnlyListedHostsWhenAnAllowListIsGiven() {
    CallbackPolicy listed = CallbackPolicy.of(" hooks.example.com , *.partner.io ", false);

    assertThat(listed.problemWith("https://hooks.example.com/x")).isEmpty();
    assertThat(listed.problemWith("https://HOOKS.example.com/x")).isEmpty();
    assertThat(listed.problemWith("https://eu.partner.io/x")).isEmpty();
    assertThat(listed.problemWith("https://partner.io/x")).get().asString().contains("allow-list");
    assertThat(listed.problemWith("https://evilpartner.io/x")).isPresent();
    assertThat(listed.problemWith("https://other.example.com/x")).isPresent();
  }

  @Test
  void shouldRefuseAnOverlongUrl() {
    assertThat(byDefault.problemWith("https://hooks.example.com/" + "a".repeat(2100)))
        .get()
        .asString()
        .contains("longer than");
  }

  @Test
  void shouldRefuseAtDeliveryWhatItRefusesAtSubmission() {
    assertThatThrownBy(() -> byDefault.resolve("http://localhost.:8080/"))
        .isInstanceOf(CallbackRefusedException.class);
  }

  @Test
  void shouldResolveALiteralAddressWhenPrivateAddressesAreAllowed() throws Exception {
    assertThat(CallbackPolicy.of("", true).resolve("http://127.0.0.1:9/"))
        .isEqualTo(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void shouldJudgePublicAndPrivateAddresses() throws Exception {
    assertThat(CallbackPolicy.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(CallbackPolicy.isPublic(InetAddress.getByName("192.168.0.1"))).isFalse();
    assertThat(CallbackPolicy.isPublic(InetAddress.getByName("198.18.0.1"))).isFalse();
    assertThat(CallbackPolicy.isPublic(InetAddress.getByName("240.0.0.1"))).isFalse();
  }
}
