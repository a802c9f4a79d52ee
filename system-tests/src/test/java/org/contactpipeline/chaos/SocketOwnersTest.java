package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketOwnersTest {

  private static final long THIS_JVM = ProcessHandle.current().pid();

  /** The JVM that forked this one (Maven's, or the IDE's): it holds none of this JVM's sockets. */
  private static final long OTHER_PROCESS = ProcessHandle.current().parent().orElseThrow().pid();

  @Test
  void shouldFindTheProcessThatOpenedALoopbackConnection() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      List<LongSupplier> pids = List.of(() -> OTHER_PROCESS, () -> -1, () -> THIS_JVM);

      assertThat(SocketOwners.ownerOf(accepted.getPort(), accepted.getLocalPort(), pids))
          .isEqualTo(2);
    }
  }

  @Test
  void shouldSayNoneWhenNoneOfTheProcessesOpenedIt() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      List<LongSupplier> pids = List.of(() -> OTHER_PROCESS, () -> -1);

      assertThat(SocketOwners.ownerOf(accepted.getPort(), accepted.getLocalPort(), pids))
          .isEqualTo(SocketOwners.NONE);
    }
  }

  @Test
  void shouldTellTheConnectingEndFromTheAcceptedOne() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      assertThat(SocketOwners.inodeOf(client.getLocalPort(), server.getLocalPort()))
          .isNotEqualTo(SocketOwners.inodeOf(server.getLocalPort(), client.getLocalPort()));
      assertThat(SocketOwners.holds(THIS_JVM, inode(client, server))).isTrue();
      assertThat(SocketOwners.holds(OTHER_PROCESS, inode(client, server))).isFalse();
    }
  }

  private static long inode(Socket client, ServerSocket server) {
    return SocketOwners.inodeOf(client.getLocalPort(), server.getLocalPort()).orElseThrow();
  }
}
