package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A server on 127.0.0.1 that sends back every byte it gets, and the client-side checks the proxy
 * tests make through it: whether a connection still carries bytes, or was closed by the far end.
 */
final class LoopbackEcho implements AutoCloseable {

  private static final int READ_TIMEOUT_MS = 2_000;

  private final ServerSocket server;

  LoopbackEcho() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread echo = new Thread(() -> echo(socket), "echo");
        echo.setDaemon(true);
        echo.start();
      } catch (IOException e) {
        // closed: the loop ends
      }
    }
  }

  private static void echo(Socket socket) {
    try (socket) {
      socket.getInputStream().transferTo(socket.getOutputStream());
    } catch (IOException e) {
      // the client went away
    }
  }

  /** A connection to {@code port} of 127.0.0.1 from {@code localPort} (0: any). */
  static Socket connect(int port, int localPort) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  /** Whether a byte written comes back: the connection is forwarded end to end. */
  static boolean echoes(Socket socket) {
    try {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(42);
      out.flush();
      return in.read() == 42;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the far end closed the connection: a read ends (EOF or reset) instead of waiting. */
  static boolean closedByPeer(Socket socket) {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false; // still open, nothing to read
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
