package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void shouldPickPortsBelowTheEphemeralRangeSoOutgoingConnectionsCannotTakeThem() {
    int ephemeralStart = FreePort.ephemeralStart();
    for (int i = 0; i < 50; i++) {
      assertThat(FreePort.pick()).isBetween(10_000, ephemeralStart - 1);
    }
  }

  @Test
  void shouldNeverHandOutThePortTwice() {
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(picked.add(FreePort.pick())).as("pick %d is new", i).isTrue();
    }
  }

  @Test
  void shouldHandOutAPortAServerCanBind() throws Exception {
    int port = FreePort.pick();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(port));
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void shouldTakeTheRequestedPortOrPickOneForZero() {
    assertThat(FreePort.orPick(4321)).isEqualTo(4321);
    assertThat(FreePort.orPick(0)).isPositive();
    assertThatThrownBy(() -> FreePort.orPick(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 (pick a free one) or 1-65535");
  }
}
