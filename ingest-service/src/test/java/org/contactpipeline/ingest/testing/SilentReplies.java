package org.contactpipeline.ingest.testing;

import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.schemas.avro.ContactResponse;

/** Replies that never come, as when the resolver is down after Kafka took the commands. */
public final class SilentReplies implements ResponseWaiter {

  @Override
  public String replyTo() {
    return "ingest-test";
  }

  @Override
  public CompletableFuture<ContactResponse> expect(String requestId) {
    return new CompletableFuture<>();
  }
}
