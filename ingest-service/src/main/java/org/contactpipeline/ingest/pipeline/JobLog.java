package org.contactpipeline.ingest.pipeline;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.schemas.avro.ContactJob;

/** Where accepted asynchronous jobs go: completes once the job is durably accepted. */
public interface JobLog {

  /** Publishes {@code job}, keyed by its id, with the request's {@code headers}. */
  CompletableFuture<Void> publish(ContactJob job, Headers headers);

  /** A log that takes nothing, for embeddings without jobs: every submission is "not saved". */
  static JobLog unavailable() {
    return (job, headers) ->
        CompletableFuture.failedFuture(
            new IllegalStateException("this instance has no contact.jobs producer"));
  }
}
