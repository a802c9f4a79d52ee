package org.contactpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free loopback port for the embedded broker and database. Kafka cannot bind port 0 itself
 * here: the advertised listener and the controller quorum must name the real port before the server
 * starts. The port is free when picked, not reserved; on a developer machine that race is
 * acceptable.
 */
final class FreePort {

  private FreePort() {}

  /** {@code requested} itself, or a free port when it is 0. */
  static int orPick(int requested) {
    if (requested < 0 || requested > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free one) or 1-65535, was " + requested);
    }
    return requested == 0 ? pick() : requested;
  }

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
