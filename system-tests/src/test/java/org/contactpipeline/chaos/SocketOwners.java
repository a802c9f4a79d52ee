package org.contactpipeline.chaos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.contactpipeline.testing.Poll;

/**
 * Which process opened a connection on 127.0.0.1, read from Linux's /proc: every connection a
 * {@link TcpProxy} accepts comes from the same address, so only the process that owns the other end
 * tells a broker's connection from a client's. The accepted socket's remote port is the connecting
 * socket's local port; /proc/net/tcp (tcp6 for a JVM without {@code preferIPv4Stack}) gives that
 * socket's inode, and the process holding a descriptor that links to {@code socket:[inode]} owns
 * it. Linux-only, as the chaos test is (it reads /proc for CPU too).
 */
final class SocketOwners {

  /** What {@link #ownerOf} answers for a connection none of the processes owns. */
  static final int NONE = -1;

  /**
   * How long a lookup retries: the connecting side's entry and descriptor exist before the
   * handshake completes, so a retry is for the rare moment /proc lags, and a client's connection
   * must not wait long on it.
   */
  private static final Duration LOOKUP_DEADLINE = Duration.ofMillis(300);

  private static final List<Path> TCP_TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private SocketOwners() {}

  /**
   * The index in {@code pids} of the process that holds the connecting end of a loopback connection
   * from {@code clientPort} to {@code serverPort}, or {@link #NONE}; a pid below 0 (a process not
   * running) owns nothing.
   */
  static int ownerOf(int clientPort, int serverPort, List<LongSupplier> pids) {
    int[] owner = {NONE};
    Poll.holdsWithin(
        LOOKUP_DEADLINE,
        () -> {
          OptionalLong inode = inodeOf(clientPort, serverPort);
          if (inode.isEmpty()) {
            return false;
          }
          for (int i = 0; i < pids.size(); i++) {
            if (holds(pids.get(i).getAsLong(), inode.getAsLong())) {
              owner[0] = i;
              return true;
            }
          }
          // Found the socket but none of the processes holds it: a client's, not a broker's.
          return true;
        });
    return owner[0];
  }

  /**
   * The inode of the socket whose local port is {@code localPort} and remote port {@code
   * remotePort}. Both ends are on 127.0.0.1, so the two ports name the connection; an inode of 0 is
   * a socket already closed (TIME_WAIT), which no process holds.
   */
  static OptionalLong inodeOf(int localPort, int remotePort) {
    for (Path table : TCP_TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue; // no IPv6 in this kernel
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 9
            && port(fields[1]) == localPort
            && port(fields[2]) == remotePort
            && !fields[9].equals("0")) {
          return OptionalLong.of(Long.parseLong(fields[9]));
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Whether process {@code pid} has a descriptor open on socket {@code inode}. */
  static boolean holds(long pid, long inode) {
    if (pid < 0) {
      return false;
    }
    String wanted = "socket:[" + inode + "]";
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid + "", "fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(wanted)) {
            return true;
          }
        } catch (IOException e) {
          // closed while we looked: not the one
        }
      }
    } catch (IOException e) {
      return false; // the process is gone
    }
    return false;
  }

  /** The port of an address in /proc's hex form, {@code 0100007F:2328}. */
  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}
