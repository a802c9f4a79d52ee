package org.contactpipeline.chaos;

import java.time.Duration;

/**
 * One fault the schedule made: what was killed, when, and when it was working again (RUNNING/ready,
 * or the cluster whole); {@code recoveredNanos} is -1 when it did not come back within the
 * deadline. Its window runs from the kill to a second after the recovery: the second covers answers
 * already on their way when the part came back.
 */
record Fault(String kind, String target, long killedNanos, long recoveredNanos) {

  static final String RESOLVER = "resolver";
  static final String SINK = "sink";
  static final String INGEST = "ingest";
  static final String BROKER = "broker";

  double recoverySeconds() {
    return recoveredNanos < 0 ? Double.NaN : (recoveredNanos - killedNanos) / 1e9;
  }

  boolean covers(long nanos) {
    return nanos >= killedNanos && nanos <= end();
  }

  /** Whether the window was open at some moment of {@code [from, to]}. */
  boolean overlaps(long from, long to) {
    return from <= end() && to >= killedNanos;
  }

  private long end() {
    return recoveredNanos < 0 ? Long.MAX_VALUE : recoveredNanos + Duration.ofSeconds(1).toNanos();
  }
}
