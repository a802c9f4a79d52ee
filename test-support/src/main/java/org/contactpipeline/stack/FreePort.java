package org.contactpipeline.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free port for a server that binds it later: the embedded broker and database, and the
 * services a test starts as child processes. Kafka cannot bind port 0 itself here: the advertised
 * listener and the controller quorum must name the real port before the server starts.
 *
 * <p>The port is free when picked, not reserved, so it is taken from below the kernel's ephemeral
 * range. A port the kernel handed out for {@code new ServerSocket(0)} is one it also hands to
 * outgoing connections: a broker's connection to another broker once took a resolver's health port
 * between the pick and the resolver's start, and the resolver could not start at all. Below the
 * range only another server can take it, and a port is never handed out twice by one JVM.
 */
public final class FreePort {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range starts here; used where the kernel does not say. */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private static final int LOWEST = 10_000;
  private static final int ATTEMPTS = 2_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePort() {}

  /** {@code requested} itself, or a free port when it is 0. */
  static int orPick(int requested) {
    if (requested < 0 || requested > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free one) or 1-65535, was " + requested);
    }
    return requested == 0 ? pick() : requested;
  }

  /** A port nothing listens on now, below the ephemeral range, not handed out before. */
  public static int pick() {
    int end = ephemeralStart();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = random.nextInt(LOWEST, end);
      if (HANDED_OUT.add(port)) {
        if (bindable(port)) {
          return port;
        }
      }
    }
    throw new IllegalStateException(
        "no free port between " + LOWEST + " and " + end + " after " + ATTEMPTS + " attempts");
  }

  /** Binds the wildcard address, as the services do, so a port used on any interface is skipped. */
  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int ephemeralStart() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      int start = Integer.parseInt(range[0]);
      return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
