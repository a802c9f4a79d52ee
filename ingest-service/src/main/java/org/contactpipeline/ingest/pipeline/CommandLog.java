package org.contactpipeline.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.schemas.avro.ContactCommand;

/** Where handlers put commands: completes once every command is durably accepted. */
public interface CommandLog {

  CompletableFuture<Void> publish(List<ContactCommand> commands);
}
