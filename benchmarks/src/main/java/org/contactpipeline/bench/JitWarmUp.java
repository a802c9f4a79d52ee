package org.contactpipeline.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Unmeasured rounds of load until the JIT has compiled what the load runs. On two cores the C2
 * compiler's one thread works through its queue for minutes, and a load measured meanwhile measures
 * the compiler: rounds run until the compiler was busy for less than {@link
 * #SETTLED_COMPILER_SHARE} of a round's wall time, at most {@link #MAX_ROUNDS} rounds.
 */
final class JitWarmUp {

  /**
   * The whole stack is one JVM with one C2 thread on two cores: a 50,000-command bulk round took 20
   * rounds (80 s) before the compiler was busy for less than a tenth of it, and at 8 rounds it was
   * still compiling all the time.
   */
  static final int MAX_ROUNDS = 30;

  private static final double SETTLED_COMPILER_SHARE = 0.1;

  /** One unmeasured round of load; {@code round} counts from 1. */
  interface Round {
    void run(int round) throws Exception;
  }

  private JitWarmUp() {}

  /** Runs {@code round} until the JIT settles; {@code what} names it in the progress lines. */
  static void untilSettled(String what, Round round) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int number = 1; number <= MAX_ROUNDS; number++) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      round.run(number);
      double wallMs = (System.nanoTime() - start) / 1e6;
      double compilerShare = (jit.getTotalCompilationTime() - compiledBefore) / wallMs;
      Progress.line(
          "%s, round %d: %.1f s, JIT compiling %.0f %% of it",
          what, number, wallMs / 1000, compilerShare * 100);
      if (compilerShare < SETTLED_COMPILER_SHARE) {
        return;
      }
    }
  }
}
