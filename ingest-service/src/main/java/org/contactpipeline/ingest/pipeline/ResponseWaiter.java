package org.contactpipeline.ingest.pipeline;

import java.util.concurrent.CompletableFuture;
import org.contactpipeline.schemas.avro.ContactResponse;

/** Delivers the gathered results of a request to the handler waiting for them. */
public interface ResponseWaiter {

  /** The {@code replyTo} that commands must carry for their results to come back here. */
  String replyTo();

  /**
   * Registers interest in a request's results; call before publishing its commands. The future
   * completes with all of them once the last one has arrived.
   */
  CompletableFuture<ContactResponse> expect(String requestId);

  /**
   * Stops waiting for a request (it timed out or was never published) and says how many of its
   * results had arrived by then.
   */
  default int abandon(String requestId) {
    return 0;
  }
}
