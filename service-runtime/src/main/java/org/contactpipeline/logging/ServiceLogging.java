package org.contactpipeline.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Names the service in its logs: the name of Logback's logger context, which the JSON format writes
 * on every line ({@code context.name}). Each service's {@code main} calls it first; a JVM that runs
 * several services (the local stack, the tests) leaves it unnamed, as {@code default}.
 */
public final class ServiceLogging {

  private ServiceLogging() {}

  /**
   * Names this JVM's logs after {@code service}; a context already named otherwise keeps its name.
   */
  public static void identify(String service) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && (context.getName() == null || "default".equals(context.getName()))) {
      context.setName(service);
    }
  }
}
