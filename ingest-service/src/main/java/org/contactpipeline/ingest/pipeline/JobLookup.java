package org.contactpipeline.ingest.pipeline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.JobStore;
import org.contactpipeline.store.StoredJob;

/**
 * Finds a tenant's job for the progress, results and status calls: as sink-service recorded it, or,
 * in the moment between this instance's answer and the sink's recording, as this instance accepted
 * it (nothing decided yet). Another tenant's job is not found, like an unknown one.
 */
public final class JobLookup {

  private final JobStore store;
  private final RecentJobs recent;

  public JobLookup(JobStore store, Clock clock) {
    this.store = store;
    this.recent = new RecentJobs(clock);
  }

  public Optional<StoredJob> find(String tenant, String jobId) {
    Optional<StoredJob> recorded = store.job(tenant, jobId);
    if (recorded.isPresent()) {
      return recorded;
    }
    return recent.find(tenant, jobId).map(job -> new StoredJob(job, 0, null));
  }

  /** The job's item results in item order, all of them once it is complete. */
  public List<ContactResult> itemResults(String tenant, String jobId) {
    return store.itemResults(tenant, jobId);
  }

  RecentJobs recent() {
    return recent;
  }
}
