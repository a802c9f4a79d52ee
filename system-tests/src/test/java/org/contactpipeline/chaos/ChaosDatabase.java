package org.contactpipeline.chaos;

import java.nio.file.Path;
import java.time.Duration;
import org.contactpipeline.stack.LocalPostgres;
import org.contactpipeline.testing.Poll;

/**
 * The chaos test's PostgreSQL, which a fault crashes (every server process SIGKILLed) and starts
 * again after a while on the same directory and port, as a supervisor would after a host failure,
 * or makes read-only for a while; the services keep their one database URL throughout.
 */
final class ChaosDatabase implements AutoCloseable {

  private volatile LocalPostgres server;

  private ChaosDatabase(LocalPostgres server) {
    this.server = server;
  }

  static ChaosDatabase start(Path dir) {
    return new ChaosDatabase(LocalPostgres.start(dir, 0));
  }

  /** The server running now: the one started after the last crash, if any. */
  LocalPostgres server() {
    return server;
  }

  /** Crashes the server, leaves it down for {@code downtime}, starts it again. */
  synchronized void crashAndRestart(Duration downtime) {
    server.crash();
    Poll.pause(downtime);
    server = server.restart();
  }

  /** Makes the server refuse writes for {@code duration}, then writable again. */
  synchronized void readOnlyFor(Duration duration) {
    server.setReadOnly(true);
    try {
      Poll.pause(duration);
    } finally {
      server.setReadOnly(false);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
