package org.contactpipeline.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Contact keys of one run, shared by every load thread; about 30 % of the keys asked for are ones
 * asked for before, so the resolvers see keys they already know as well as new ones. Every key
 * starts with {@code chaos-<run>-}, which is how the checks find this run's rows in PostgreSQL.
 */
final class KeyPool {

  static final double REPEAT_SHARE = 0.3;

  private final String run;
  private final double repeatShare;
  private final RandomGenerator random;
  private final List<String> used = new ArrayList<>();

  KeyPool(String run) {
    this(run, REPEAT_SHARE, null);
  }

  /** With a fixed generator, for tests; {@code null} draws from each thread's own. */
  KeyPool(String run, double repeatShare, RandomGenerator random) {
    this.run = run;
    this.repeatShare = repeatShare;
    this.random = random;
  }

  static String prefix(String run) {
    return "chaos-" + run + "-";
  }

  /** {@code count} distinct keys for one request, each repeated with the pool's share. */
  synchronized List<String> next(int count) {
    RandomGenerator draw = random == null ? ThreadLocalRandom.current() : random;
    List<String> picked = new ArrayList<>();
    while (picked.size() < count) {
      String key =
          !used.isEmpty() && draw.nextDouble() < repeatShare
              ? used.get(draw.nextInt(used.size()))
              : prefix(run) + used.size();
      if (!picked.contains(key)) {
        if (!used.contains(key)) {
          used.add(key);
        }
        picked.add(key);
      }
    }
    return picked;
  }

  synchronized Set<String> all() {
    return new HashSet<>(used);
  }
}
