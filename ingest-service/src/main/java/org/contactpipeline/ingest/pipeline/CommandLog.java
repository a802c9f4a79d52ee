package org.contactpipeline.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.schemas.avro.ContactCommand;

/** Where handlers put commands: completes once every command is durably accepted. */
public interface CommandLog {

  /**
   * Publishes {@code commands}, each with {@code headers} (the request's {@link
   * org.contactpipeline.schemas.RequestHeaders}, which this call does not change).
   */
  CompletableFuture<Void> publish(List<ContactCommand> commands, Headers headers);
}
