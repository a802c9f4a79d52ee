package org.contactpipeline.chaos;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The network between the chaos test's brokers and everyone else, made of {@link TcpProxy}s on
 * 127.0.0.1: each node's listeners are reached only through its proxies, since the advertised
 * listeners and the controller quorum name the proxies' ports. {@link #cut} takes a node off that
 * network as a partition would, and {@link #heal} puts it back: while a node is cut, every
 * connection to it and every connection it opened to another node is closed, and new ones are
 * refused, whoever opens them; the node itself keeps running, believing it still leads what it led.
 */
final class BrokerNetwork implements AutoCloseable {

  /** The source of a connection no broker opened: a service, the test's own clients. */
  static final int NOT_A_BROKER = SocketOwners.NONE;

  private final ToIntFunction<Socket> sourceOf;
  private final Set<Integer> cutOff = ConcurrentHashMap.newKeySet();
  private final List<List<TcpProxy>> proxiesByNode = new ArrayList<>();

  /**
   * @param sourceOf the node whose process opened an accepted connection, or {@link #NOT_A_BROKER}
   */
  BrokerNetwork(ToIntFunction<Socket> sourceOf) {
    this.sourceOf = sourceOf;
  }

  /**
   * Puts a proxy on {@code listenPort} in front of {@code node}'s listener on {@code targetPort}.
   */
  synchronized TcpProxy proxy(int node, String listener, int listenPort, int targetPort) {
    while (proxiesByNode.size() <= node) {
      proxiesByNode.add(new ArrayList<>());
    }
    TcpProxy proxy =
        new TcpProxy(
            "proxy-" + listener + "-" + node,
            listenPort,
            targetPort,
            () -> !cutOff.contains(node),
            sourceOf,
            source -> !cutOff.contains(source));
    proxiesByNode.get(node).add(proxy);
    return proxy;
  }

  /**
   * Refuses from now on every connection to or from {@code node}, then closes those open: marking
   * first means a connection accepted during the closing pass is refused or closed, never kept.
   */
  synchronized void cut(int node) {
    cutOff.add(node);
    for (int target = 0; target < proxiesByNode.size(); target++) {
      boolean toCutNode = target == node;
      proxiesByNode
          .get(target)
          .forEach(proxy -> proxy.closeIf(source -> toCutNode || source == node));
    }
  }

  /** Admits connections to and from {@code node} again; its clients reconnect by themselves. */
  synchronized void heal(int node) {
    cutOff.remove(node);
  }

  /** Whether no proxy was put in front of any node: then {@link #cut} cuts nothing. */
  synchronized boolean isEmpty() {
    return proxiesByNode.isEmpty();
  }

  /** How many connections the proxies of {@code node} forward now. */
  synchronized int openConnectionsTo(int node) {
    return proxiesByNode.get(node).stream().mapToInt(TcpProxy::openConnections).sum();
  }

  @Override
  public synchronized void close() {
    proxiesByNode.forEach(proxies -> proxies.forEach(TcpProxy::close));
  }
}
