package org.contactpipeline.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts an asynchronous job: every item's command to {@code contact.commands} first, durably,
 * then the job itself to {@code contact.jobs}; only then is the caller answered with the job id.
 * Nobody waits for the results here: sink-service records them and assembles the job's response. A
 * failure at any step fails the future with {@link CommandGateway.NotAccepted} (the vendor's "not
 * saved"); like a single call that failed, some items may have been published and take effect, and
 * a retry submits a new job.
 */
public final class JobSubmission {

  private static final Logger LOG = LoggerFactory.getLogger(JobSubmission.class);

  private final CommandGateway gateway;
  private final JobLog jobs;
  private final RecentJobs recent;

  JobSubmission(CommandGateway gateway, JobLog jobs, RecentJobs recent) {
    this.gateway = gateway;
    this.jobs = jobs;
    this.recent = recent;
  }

  /** Submissions that remember their jobs in {@code lookup}, so its first polls find them. */
  public static JobSubmission of(CommandGateway gateway, JobLog jobs, JobLookup lookup) {
    return new JobSubmission(gateway, jobs, lookup.recent());
  }

  /**
   * Publishes {@code commands} (built by {@link Commands#job}) and then {@code job}; completes when
   * both are durable. Never throws: every failure is in the future.
   */
  public CompletableFuture<Void> submit(List<ContactCommand> commands, ContactJob job) {
    Headers headers = RequestLogContext.headers();
    return gateway
        .publishOnly(commands)
        .thenCompose(accepted -> publishJob(job, headers))
        .thenRun(() -> recent.remember(job));
  }

  /**
   * Asks sink-service to deliver a finished job's callback again: a copy of the job with {@code
   * redeliver} set, the job itself unchanged.
   */
  public CompletableFuture<Void> redeliver(ContactJob job) {
    return publishJob(
        ContactJob.newBuilder(job).setRedeliver(true).build(), RequestLogContext.headers());
  }

  private CompletableFuture<Void> publishJob(ContactJob job, Headers headers) {
    CompletableFuture<Void> published;
    try {
      published = jobs.publish(job, headers);
    } catch (RuntimeException e) {
      published = CompletableFuture.failedFuture(e);
    }
    return published.exceptionally(
        error -> {
          Throwable cause = CommandGateway.unwrap(error);
          LOG.warn("job {} not accepted: {}", job.getJobId(), cause.toString());
          throw new CommandGateway.NotAccepted(job.getJobId(), cause);
        });
  }
}
