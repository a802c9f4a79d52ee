package org.contactpipeline.schemas;

import java.nio.charset.StandardCharsets;

/**
 * The partition of {@code contact.results} that an ingest instance reads its results from. The
 * resolver writes every result whose command names a {@code replyTo} to the partition that instance
 * id hashes to, so each instance reads one partition instead of all of them, and every result of a
 * request (whatever partition decided it) arrives on that one partition. Results nobody waits for
 * (no {@code replyTo}) go where the default partitioner puts their key.
 */
public final class ReplyPartition {

  private ReplyPartition() {}

  public static int of(String instanceId, int partitions) {
    return OwnerPartition.ofKeyBytes(instanceId.getBytes(StandardCharsets.UTF_8), partitions);
  }
}
