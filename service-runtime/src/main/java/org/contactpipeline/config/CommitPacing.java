package org.contactpipeline.config;

/**
 * When one Kafka Streams task asks for its commit early. Kafka Streams commits every {@code
 * commit.interval.ms} on its own; a commit blocks the stream thread for the transaction's round
 * trips, and with a commit every few milliseconds the resolver spent more than half its time in
 * them (README, throughput). Callers do not wait for commits (ingest answers from uncommitted
 * results), so only a record whose caller waits for it to become visible to read_committed readers
 * asks for an earlier one: the application reports such records here ({@link #awaited}; for the
 * resolver, a delete, whose answer waits for the row to go). After a fresh one, produced less than
 * {@code freshWithin} ago, the task asks {@code waitAfterFresh} later, so the rest of a many-item
 * request, which arrives in the same moment on the same and other tasks, rides in the same
 * transaction. An old awaited record means a backlog, where nobody waits on one record more than on
 * those ahead of it: it asks nothing. Only when a commit happens moves; what is committed, and that
 * it is exactly once, does not.
 *
 * <p>One instance per task, called from that task's thread only: it is not thread-safe.
 */
public final class CommitPacing {

  private final long freshWithinMs;
  private final long waitAfterFreshMs;
  private long firstFreshAtMs = -1;

  /**
   * From {@code config}'s awaited commit interval: a commit is asked half of it after the first
   * fresh awaited record, and a record counts as fresh when produced less than five intervals ago.
   */
  public static CommitPacing of(StreamsAppConfig config) {
    long interval = config.awaitedCommitInterval().toMillis();
    return new CommitPacing(5 * interval, Math.max(1, interval / 2));
  }

  CommitPacing(long freshWithinMs, long waitAfterFreshMs) {
    this.freshWithinMs = freshWithinMs;
    this.waitAfterFreshMs = waitAfterFreshMs;
  }

  /**
   * How often the task should look at {@link #commitDue}, even without records: half the wait, at
   * least 1 ms.
   */
  public long checkEveryMs() {
    return Math.max(1, waitAfterFreshMs / 2);
  }

  /**
   * A record was processed whose caller waits for it to become visible to read_committed readers.
   *
   * @param recordTimestampMs the record's timestamp (its producer's clock, CreateTime)
   * @param nowMs the task's wall clock
   */
  public void awaited(long recordTimestampMs, long nowMs) {
    if (firstFreshAtMs < 0 && nowMs - recordTimestampMs < freshWithinMs) {
      firstFreshAtMs = nowMs;
    }
  }

  /**
   * Whether to ask for the commit now; asking counts as done, the next fresh awaited record starts
   * over.
   */
  public boolean commitDue(long nowMs) {
    if (firstFreshAtMs < 0 || nowMs - firstFreshAtMs < waitAfterFreshMs) {
      return false;
    }
    firstFreshAtMs = -1;
    return true;
  }
}
