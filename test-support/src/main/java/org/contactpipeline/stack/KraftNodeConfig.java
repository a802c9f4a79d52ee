package org.contactpipeline.stack;

import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a KRaft node's configuration every node of ours shares, in-process or in a child JVM:
 * combined broker and controller roles, a PLAINTEXT listener for clients and one for the controller
 * quorum, both on one host, and its log directory. Replication and timing settings differ between
 * one node and a cluster, so each adds its own.
 */
public final class KraftNodeConfig {

  /** The listener name of the controller quorum. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  private KraftNodeConfig() {}

  /**
   * @param voters the quorum, {@code id@host:port[,id@host:port...]}
   */
  public static Map<String, String> combinedNode(
      int nodeId, String voters, String host, int brokerPort, int controllerPort, String logDir) {
    Map<String, String> config = new TreeMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(nodeId));
    config.put("controller.quorum.voters", voters);
    config.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    config.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir);
    return config;
  }
}
