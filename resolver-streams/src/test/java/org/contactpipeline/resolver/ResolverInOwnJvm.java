package org.contactpipeline.resolver;

import org.contactpipeline.config.Settings;
import org.contactpipeline.health.ExitProcess;

/**
 * The resolver alone in its own JVM, as {@link ResolverService#main} runs it (defaults, then the
 * environment), with the store caching named by its one argument, for broker tests that kill it
 * with SIGKILL ({@link ResolverInstance#startInOwnJvm}). It serves no health endpoint: the tests
 * watch the consumer group instead.
 */
final class ResolverInOwnJvm {

  private ResolverInOwnJvm() {}

  public static void main(String[] args) {
    Settings settings = Settings.load(ResolverConfig.DEFAULTS);
    new ResolverService(
            ResolverConfig.from(settings),
            ExitProcess::afterFatalError,
            StoreCaching.valueOf(args[0]))
        .start();
  }
}
