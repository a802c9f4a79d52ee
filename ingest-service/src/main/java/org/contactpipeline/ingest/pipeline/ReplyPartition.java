package org.contactpipeline.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import org.contactpipeline.schemas.OwnerPartition;

/**
 * The partition of {@code contact.responses} an ingest instance listens on. Responses are keyed
 * by the instance id with the string serde, so this is where the default partitioner puts them.
 */
final class ReplyPartition {

  private ReplyPartition() {
  }

  static int of(String instanceId, int partitions) {
    return OwnerPartition.ofKeyBytes(instanceId.getBytes(StandardCharsets.UTF_8), partitions);
  }
}
