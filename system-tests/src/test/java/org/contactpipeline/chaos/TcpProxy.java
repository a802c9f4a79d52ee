package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * One listening port on 127.0.0.1 that forwards every connection to one target port on 127.0.0.1,
 * byte for byte, in both directions, and can drop them: what the chaos test puts in front of each
 * broker listener so that it can cut a broker off the network without leaving the loopback address
 * ({@link BrokerNetwork}). A connection is refused at once while {@code targetReachable} does not
 * hold (no need to ask who opened it); otherwise it is tagged with its source (whatever {@code
 * sourceOf} says, e.g. the broker that opened it) and forwarded only if {@code admits} holds of
 * that source; {@link #closeIf} drops the forwarded connections of the sources it names.
 *
 * <p>Plain blocking sockets, two daemon threads per connection: a broker cluster opens a few dozen
 * connections, and a thread pair per connection has no buffer or interest-set bookkeeping to get
 * wrong. Beyond {@link #MAX_CONNECTIONS} a connection is refused rather than given threads, so a
 * reconnect storm cannot exhaust the test JVM.
 */
final class TcpProxy implements AutoCloseable {

  static final int MAX_CONNECTIONS = 256;

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** Small stacks: a copy loop needs little, and a few hundred of them share the test's heap. */
  private static final long STACK_BYTES = 256 * 1024;

  private final String name;
  private final int targetPort;
  private final BooleanSupplier targetReachable;
  private final ToIntFunction<Socket> sourceOf;
  private final IntPredicate admits;
  private final ServerSocket listener;
  private final List<Connection> connections = new ArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  /** One forwarded connection: the accepted socket, the one to the target, and its source. */
  private record Connection(Socket accepted, Socket toTarget, int source) {

    void close() {
      closeQuietly(accepted);
      closeQuietly(toTarget);
    }
  }

  /**
   * Listens on {@code listenPort} of 127.0.0.1 at once; connections arriving before the target
   * listens fail to connect to it and are closed, as a broker not yet started would refuse them.
   */
  TcpProxy(
      String name,
      int listenPort,
      int targetPort,
      BooleanSupplier targetReachable,
      ToIntFunction<Socket> sourceOf,
      IntPredicate admits) {
    this.name = name;
    this.targetPort = targetPort;
    this.targetReachable = targetReachable;
    this.sourceOf = sourceOf;
    this.admits = admits;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(LOOPBACK, listenPort));
    } catch (IOException e) {
      throw new UncheckedIOException(name + " cannot listen on " + listenPort, e);
    }
    acceptor = daemon(this::acceptLoop, name + "-accept");
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** How many connections are being forwarded now. */
  synchronized int openConnections() {
    connections.removeIf(c -> c.accepted().isClosed());
    return connections.size();
  }

  /** Closes every forwarded connection whose source matches; new ones are {@code admits}' call. */
  synchronized void closeIf(IntPredicate source) {
    connections.removeIf(
        c -> {
          if (source.test(c.source())) {
            c.close();
            return true;
          }
          return c.accepted().isClosed();
        });
  }

  private void acceptLoop() {
    while (!closed) {
      Socket accepted;
      try {
        accepted = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          System.err.println(name + ": accept failed, still listening: " + e);
        }
        continue;
      }
      try {
        forward(accepted);
      } catch (IOException | RuntimeException e) {
        closeQuietly(accepted);
      }
    }
  }

  /**
   * Looks the source up and connects to the target before taking the lock (both may take a moment),
   * then decides again and registers under the lock that {@link #closeIf} takes: a connection
   * admitted just before a cut is registered before the cut's closing pass, so it is closed with
   * the rest, and one decided after it sees the cut.
   */
  private void forward(Socket accepted) throws IOException {
    if (!targetReachable.getAsBoolean()) {
      closeQuietly(accepted);
      return;
    }
    int source = sourceOf.applyAsInt(accepted);
    if (!admits.test(source)) {
      closeQuietly(accepted);
      return;
    }
    Socket toTarget = new Socket();
    try {
      toTarget.connect(new InetSocketAddress(LOOPBACK, targetPort), 2_000);
      accepted.setTcpNoDelay(true);
      toTarget.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(toTarget);
      throw e;
    }
    Connection connection = new Connection(accepted, toTarget, source);
    synchronized (this) {
      if (closed
          || !targetReachable.getAsBoolean()
          || !admits.test(source)
          || openConnections() >= MAX_CONNECTIONS) {
        connection.close();
        return;
      }
      connections.add(connection);
    }
    daemon(() -> pump(accepted, toTarget, connection), name + "-up").start();
    daemon(() -> pump(toTarget, accepted, connection), name + "-down").start();
  }

  /** Copies one direction until either side ends, then closes both: no half-open connections. */
  private static void pump(Socket from, Socket to, Connection connection) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      // closed by the other direction, by closeIf or by a peer's reset: the connection is over
    } finally {
      connection.close();
    }
  }

  private static Thread daemon(Runnable body, String threadName) {
    Thread thread = new Thread(null, body, threadName, STACK_BYTES);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do with it
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing: the acceptor ends either way
    }
    closeIf(source -> true);
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
