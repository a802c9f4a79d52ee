package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.contactpipeline.stack.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three echo servers stand for three nodes behind a {@link BrokerNetwork}; a connection's source is
 * the node its test says opened it (by its local port), as {@link SocketOwners} says for a broker.
 */
@Timeout(30)
class BrokerNetworkTest {

  private final Map<Integer, Integer> nodeByLocalPort = new ConcurrentHashMap<>();
  private final List<LoopbackEcho> nodes = new ArrayList<>();
  private final List<Integer> proxyPorts = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private BrokerNetwork network;

  @BeforeEach
  void startThreeNodesBehindProxies() throws IOException {
    network =
        new BrokerNetwork(
            socket -> nodeByLocalPort.getOrDefault(socket.getPort(), BrokerNetwork.NOT_A_BROKER));
    for (int node = 0; node < 3; node++) {
      LoopbackEcho echo = new LoopbackEcho();
      nodes.add(echo);
      proxyPorts.add(network.proxy(node, "broker", FreePort.pick(), echo.port()).port());
    }
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    network.close();
    for (LoopbackEcho node : nodes) {
      node.close();
    }
  }

  @Test
  void shouldCloseEveryConnectionToAndFromACutNodeAndKeepTheRest() throws IOException {
    Socket clientToCut = fromClient(1);
    Socket cutToOther = fromNode(1, 0);
    Socket otherToCut = fromNode(2, 1);
    Socket clientToOther = fromClient(0);
    Socket otherToOther = fromNode(0, 2);

    network.cut(1);

    assertThat(LoopbackEcho.closedByPeer(clientToCut)).as("a client's, to the cut node").isTrue();
    assertThat(LoopbackEcho.closedByPeer(cutToOther)).as("the cut node's, to another").isTrue();
    assertThat(LoopbackEcho.closedByPeer(otherToCut)).as("another node's, to the cut one").isTrue();
    assertThat(LoopbackEcho.echoes(clientToOther)).as("a client's, to another node").isTrue();
    assertThat(LoopbackEcho.echoes(otherToOther)).as("between the other nodes").isTrue();
  }

  @Test
  void shouldRefuseNewConnectionsToAndFromACutNodeUntilHealed() throws IOException {
    network.cut(1);

    assertThat(LoopbackEcho.closedByPeer(fromClient(1))).as("a client's, to the cut node").isTrue();
    assertThat(LoopbackEcho.closedByPeer(fromNode(1, 2))).as("the cut node's").isTrue();
    assertThat(LoopbackEcho.closedByPeer(fromNode(0, 1))).as("to the cut node").isTrue();
    assertThat(LoopbackEcho.echoes(fromNode(0, 2))).as("between the other nodes").isTrue();

    network.heal(1);

    assertThat(LoopbackEcho.echoes(fromClient(1))).as("a client's, healed").isTrue();
    assertThat(LoopbackEcho.echoes(fromNode(1, 2))).as("the healed node's").isTrue();
    assertThat(LoopbackEcho.echoes(fromNode(0, 1))).as("to the healed node").isTrue();
  }

  private Socket fromClient(int target) throws IOException {
    return remember(LoopbackEcho.connect(proxyPorts.get(target), 0));
  }

  /** A connection opened by {@code source}: its local port is picked first and tagged with it. */
  private Socket fromNode(int source, int target) throws IOException {
    int localPort = FreePort.pick();
    nodeByLocalPort.put(localPort, source);
    return remember(LoopbackEcho.connect(proxyPorts.get(target), localPort));
  }

  private Socket remember(Socket socket) {
    sockets.add(socket);
    return socket;
  }
}
