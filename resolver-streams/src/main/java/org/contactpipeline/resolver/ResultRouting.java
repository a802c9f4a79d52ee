package org.contactpipeline.resolver;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.contactpipeline.schemas.ReplyPartition;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Puts a result that an ingest instance waits for on the partition that instance reads ({@link
 * ReplyPartition}); any other result where the default partitioner puts its request id. Routing
 * here, in the resolver's own transaction, lets ingest read its answers straight from {@code
 * contact.results}: no second Streams application and no second commit on the reply path.
 */
final class ResultRouting implements StreamPartitioner<Object, Object> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, Object key, Object value, int numPartitions) {
    if (value instanceof ContactResult result && result.getReplyTo() != null) {
      return Optional.of(Set.of(ReplyPartition.of(result.getReplyTo(), numPartitions)));
    }
    return Optional.empty();
  }
}
