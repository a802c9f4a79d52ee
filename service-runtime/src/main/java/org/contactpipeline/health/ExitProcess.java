package org.contactpipeline.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stand-alone service does when a part of it dies for good: exit non-zero, so that its
 * supervisor (docker-compose's restart policy, systemd, Kubernetes) starts it again instead of
 * leaving a live process that no longer works.
 */
public final class ExitProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ExitProcess.class);

  private ExitProcess() {}

  public static void afterFatalError() {
    LOG.error("a part of this service stopped for good; exiting so that it is restarted");
    // From a fresh thread: the shutdown hooks close the service, which waits for the very
    // thread that reported the failure.
    new Thread(() -> System.exit(1), "exit-after-fatal-error").start();
  }
}
