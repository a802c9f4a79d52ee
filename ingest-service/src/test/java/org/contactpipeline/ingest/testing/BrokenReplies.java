package org.contactpipeline.ingest.testing;

import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.schemas.avro.ContactResponse;

/**
 * Replies that fail before anything is published, as a reply listener that is not running would: a
 * fault of the service, not of the pipeline, so every API must answer its generic 500.
 */
public final class BrokenReplies implements ResponseWaiter {

  @Override
  public String replyTo() {
    return "ingest-test";
  }

  @Override
  public CompletableFuture<ContactResponse> expect(String requestId) {
    throw new IllegalStateException("the reply listener is not running (test)");
  }
}
