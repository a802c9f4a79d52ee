package org.contactpipeline.ingest.pipeline;

import java.util.concurrent.CompletableFuture;
import org.contactpipeline.schemas.avro.ContactResponse;

/** Delivers the gathered response of a request to the handler waiting for it. */
public interface ResponseWaiter {

  /** The {@code replyTo} that commands must carry for their response to come back here. */
  String replyTo();

  /** Registers interest in a request's response; call before publishing its commands. */
  CompletableFuture<ContactResponse> expect(String requestId);
}
