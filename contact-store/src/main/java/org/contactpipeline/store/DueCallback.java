package org.contactpipeline.store;

/**
 * A job's callback claimed for one delivery attempt.
 *
 * @param url where to deliver it
 * @param attempt which attempt this is, from 1; the outcome is recorded against it
 * @param job the finished job, to render the body from
 */
public record DueCallback(String url, int attempt, FinishedJob job) {

  public String tenant() {
    return job.job().getTenant();
  }

  /** The job's id: the callback's idempotency key. */
  public String jobId() {
    return job.job().getJobId();
  }
}
