package org.contactpipeline.ingest.pipeline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.JobStore;
import org.contactpipeline.store.StoredJob;

/**
 * What the vendor endpoints of asynchronous jobs need, built once per instance: where jobs are
 * submitted, where they are looked up, which callback URLs they may name, and the clock their
 * acceptance is stamped with.
 */
public record AsyncJobs(
    JobSubmission submission, JobLookup lookup, CallbackPolicy callbacks, Clock clock) {

  /**
   * Jobs through {@code gateway} and {@code log}, read from {@code store}: the lookup finds this
   * instance's own jobs before the sink has recorded them.
   */
  public static AsyncJobs of(
      CommandGateway gateway, JobLog log, JobStore store, CallbackPolicy callbacks, Clock clock) {
    JobLookup lookup = new JobLookup(store, clock);
    return new AsyncJobs(JobSubmission.of(gateway, log, lookup), lookup, callbacks, clock);
  }

  /**
   * For embeddings without the jobs topic and tables: every submission is "not saved" and no job is
   * ever found.
   */
  public static AsyncJobs unavailable(CommandGateway gateway, Clock clock) {
    return of(gateway, JobLog.unavailable(), NO_JOBS, CallbackPolicy.publicHostsOnly(), clock);
  }

  private static final JobStore NO_JOBS =
      new JobStore() {
        @Override
        public Optional<StoredJob> job(String tenant, String jobId) {
          return Optional.empty();
        }

        @Override
        public List<ContactResult> itemResults(String tenant, String jobId) {
          return List.of();
        }
      };
}
