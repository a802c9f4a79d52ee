package org.contactpipeline.config;

/**
 * When one Kafka Streams task asks for its commit. After a fresh record, one produced less than
 * {@code freshWithin} ago, someone is most likely waiting for what it changes to become visible to
 * read_committed readers (the row in PostgreSQL, the answer to a delete, which waits for the row to
 * go; ingest answers writes before the commit): the task asks {@code waitAfterFresh} after the
 * first such record, so the rest of a many-item request, which arrives in the same moment on the
 * same and other tasks, rides in the same transaction. Old records mean the task is working through
 * a backlog, where nobody waits on one record more than on the records ahead of it: it asks
 * nothing, and Kafka Streams commits at its own, longer interval, each commit then carrying many
 * more records. Only when a commit happens moves; what is committed, and that it is exactly once,
 * does not.
 *
 * <p>One instance per task, called from that task's thread only: it is not thread-safe.
 */
public final class CommitPacing {

  private final long freshWithinMs;
  private final long waitAfterFreshMs;
  private long firstFreshAtMs = -1;

  /**
   * From {@code config}'s caught-up commit interval: a commit is asked half of it after the first
   * fresh record, and a record counts as fresh when produced less than five intervals ago.
   */
  public static CommitPacing of(StreamsAppConfig config) {
    long interval = config.commitInterval().toMillis();
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
   * @param recordTimestampMs the record's timestamp (its producer's clock, CreateTime)
   * @param nowMs the task's wall clock
   */
  public void processed(long recordTimestampMs, long nowMs) {
    if (firstFreshAtMs < 0 && nowMs - recordTimestampMs < freshWithinMs) {
      firstFreshAtMs = nowMs;
    }
  }

  /**
   * Whether to ask for the commit now; asking counts as done, the next fresh record starts over.
   */
  public boolean commitDue(long nowMs) {
    if (firstFreshAtMs < 0 || nowMs - firstFreshAtMs < waitAfterFreshMs) {
      return false;
    }
    firstFreshAtMs = -1;
    return true;
  }
}
