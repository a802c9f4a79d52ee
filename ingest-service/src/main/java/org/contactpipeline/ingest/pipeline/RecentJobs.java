package org.contactpipeline.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.contactpipeline.schemas.avro.ContactJob;

/**
 * The jobs this instance accepted lately, so that a progress or status call made right after the
 * answer finds its job before sink-service has recorded it (usually well under a second later):
 * without this, the caller's first poll could be told its job does not exist. Another instance
 * knows only what the sink recorded.
 */
final class RecentJobs {

  /** Longer than any sink lag worth hiding; after this, only the recorded job counts. */
  static final Duration RETENTION = Duration.ofMinutes(10);

  /**
   * Enough for every job accepted within the retention at any sensible rate; past it (a flood of
   * jobs) the memory starts over rather than grow, and polls fall back on what the sink recorded.
   */
  static final int MAX_JOBS = 10_000;

  private final Clock clock;
  private final Map<String, ContactJob> jobs = new ConcurrentHashMap<>();

  RecentJobs(Clock clock) {
    this.clock = clock;
  }

  void remember(ContactJob job) {
    forgetExpired();
    jobs.put(key(job.getTenant(), job.getJobId()), job);
  }

  Optional<ContactJob> find(String tenant, String jobId) {
    ContactJob job = jobs.get(key(tenant, jobId));
    return job == null || isExpired(job) ? Optional.empty() : Optional.of(job);
  }

  private void forgetExpired() {
    if (jobs.size() >= MAX_JOBS) {
      jobs.clear();
      return;
    }
    Instant oldestKept = clock.instant().minus(RETENTION);
    for (Iterator<ContactJob> it = jobs.values().iterator(); it.hasNext(); ) {
      if (it.next().getAcceptedAt().isBefore(oldestKept)) {
        it.remove();
      }
    }
  }

  private boolean isExpired(ContactJob job) {
    return job.getAcceptedAt().isBefore(clock.instant().minus(RETENTION));
  }

  private static String key(String tenant, String jobId) {
    return tenant + '\u0000' + jobId;
  }
}
