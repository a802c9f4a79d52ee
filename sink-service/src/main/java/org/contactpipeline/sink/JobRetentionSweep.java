package org.contactpipeline.sink;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.contactpipeline.store.JobRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets old jobs: every sweep deletes the jobs accepted longer ago than the retention (unless
 * their outcome or callback is still on its way), with their items and callbacks, and items whose
 * job never came, in batches of {@value #BATCH} per transaction until none is left.
 */
final class JobRetentionSweep {

  private static final Logger LOG = LoggerFactory.getLogger(JobRetentionSweep.class);

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "job-retention";

  static final int BATCH = 100;

  private final JobRetention retention;
  private final Duration keep;
  private final Clock clock;

  JobRetentionSweep(JobRetention retention, Duration keep, Clock clock) {
    this.retention = retention;
    this.keep = keep;
    this.clock = clock;
  }

  /** One sweep; returns false, so that the next comes after the sweep interval. */
  boolean sweep() throws SQLException {
    Instant cutoff = clock.instant().minus(keep);
    int jobs = 0;
    int batch;
    do {
      batch = retention.deleteJobsAcceptedBefore(cutoff, BATCH);
      jobs += batch;
    } while (batch == BATCH);
    int orphans = 0;
    do {
      batch = retention.deleteOrphanItemsRecordedBefore(cutoff, BATCH * 10);
      orphans += batch;
    } while (batch == BATCH * 10);
    if (jobs > 0 || orphans > 0) {
      LOG.info(
          "retention deleted {} jobs and {} items without a job, older than {}",
          jobs,
          orphans,
          cutoff);
    }
    return false;
  }
}
