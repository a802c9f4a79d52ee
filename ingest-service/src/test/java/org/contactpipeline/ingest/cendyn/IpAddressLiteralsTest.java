package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gdpr_remote_ip}: address literals only, and never a name lookup. */
class IpAddressLiteralsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.1",
        "0.0.0.0",
        "255.255.255.255",
        "10.0.0.10",
        "::1",
        "::",
        "2001:db8::1",
        "2001:0DB8:0000:0000:0000:ff00:0042:8329",
        "fe80::1:2:3:4",
        "::ffff:192.0.2.1",
        "1:2:3:4:5:6:7:8"
      })
  void shouldAcceptIpv4AndIpv6Literals(String address) {
    assertThat(IpAddressLiterals.isIpAddress(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.com",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "127.1",
        "1.2.3.-4",
        " 1.2.3.4",
        "::g",
        "1::2::3",
        "12345::",
        "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0",
        "[::1]",
        "::ffff:1.2.3",
        "::ffff:01.2.3.4",
        "dead:beef",
        "abc"
      })
  void shouldRefuseAnythingElse(String text) {
    assertThat(IpAddressLiterals.isIpAddress(text)).isFalse();
  }
}
