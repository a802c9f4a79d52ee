package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.contactpipeline.stack.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpProxyTest {

  private static final int CLIENT = 7;
  private static final int BROKER = 1;

  @Test
  void shouldForwardBytesBothWaysToItsTarget() throws Exception {
    try (LoopbackEcho echo = new LoopbackEcho();
        TcpProxy proxy = proxy(echo, () -> true, CLIENT, source -> true);
        Socket client = LoopbackEcho.connect(proxy.port(), 0)) {
      byte[] sent = "hello through the proxy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      client.getOutputStream().write(sent);

      assertThat(client.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
      assertThat(proxy.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void shouldCloseTheConnectionsOfTheSourcesNamedAndKeepTheOthers() throws Exception {
    try (LoopbackEcho echo = new LoopbackEcho();
        TcpProxy fromBroker = proxy(echo, () -> true, BROKER, source -> true);
        TcpProxy fromClient = proxy(echo, () -> true, CLIENT, source -> true);
        Socket broker = LoopbackEcho.connect(fromBroker.port(), 0);
        Socket client = LoopbackEcho.connect(fromClient.port(), 0)) {
      assertThat(LoopbackEcho.echoes(broker)).isTrue();

      fromBroker.closeIf(source -> source == BROKER);
      fromClient.closeIf(source -> source == BROKER);

      assertThat(LoopbackEcho.closedByPeer(broker)).isTrue();
      assertThat(LoopbackEcho.echoes(client)).isTrue();
    }
  }

  @Test
  void shouldRefuseASourceNotAdmittedAndAdmitItAgainWhenAllowed() throws Exception {
    AtomicBoolean admitted = new AtomicBoolean(false);
    try (LoopbackEcho echo = new LoopbackEcho();
        TcpProxy proxy = proxy(echo, () -> true, BROKER, source -> admitted.get())) {
      try (Socket refused = LoopbackEcho.connect(proxy.port(), 0)) {
        assertThat(LoopbackEcho.closedByPeer(refused)).isTrue();
      }

      admitted.set(true);

      try (Socket again = LoopbackEcho.connect(proxy.port(), 0)) {
        assertThat(LoopbackEcho.echoes(again)).isTrue();
      }
    }
  }

  @Test
  void shouldRefuseEveryoneWhileItsTargetIsUnreachable() throws Exception {
    AtomicBoolean reachable = new AtomicBoolean(false);
    try (LoopbackEcho echo = new LoopbackEcho();
        TcpProxy proxy = proxy(echo, reachable::get, CLIENT, source -> true);
        Socket refused = LoopbackEcho.connect(proxy.port(), 0)) {
      assertThat(LoopbackEcho.closedByPeer(refused)).isTrue();
      assertThat(proxy.openConnections()).isZero();
    }
  }

  @Test
  void shouldCloseItsConnectionsWhenClosed() throws Exception {
    try (LoopbackEcho echo = new LoopbackEcho()) {
      TcpProxy proxy = proxy(echo, () -> true, CLIENT, source -> true);
      try (Socket client = LoopbackEcho.connect(proxy.port(), 0)) {
        assertThat(LoopbackEcho.echoes(client)).isTrue();

        proxy.close();

        assertThat(LoopbackEcho.closedByPeer(client)).isTrue();
      }
    }
  }

  private static TcpProxy proxy(
      LoopbackEcho echo,
      java.util.function.BooleanSupplier reachable,
      int source,
      java.util.function.IntPredicate admits) {
    return new TcpProxy(
        "test-proxy", FreePort.pick(), echo.port(), reachable, socket -> source, admits);
  }
}
