package org.contactpipeline.resolver;

import org.apache.kafka.streams.Topology;

/**
 * A topology whose store can be restored from a topic the topology itself writes, instead of from a
 * changelog topic of the store's own.
 *
 * <p>The resolver writes every golden record to {@code contact.changelog} and, in the same
 * transaction, the same record into its golden-record store; a changelog of the store would carry
 * each of those facts a second time. Kafka Streams already restores a store from a topic that is
 * not its own changelog: a table read from a topic uses that topic ({@code
 * topology.optimization=reuse.ktable.source.topics}). This class asks for the same thing through
 * the one method Streams uses for it, which the public API does not expose; a Kafka upgrade that
 * changes it fails to compile here rather than at run time.
 *
 * <p>What Streams then does with the topic, as with any changelog: it creates it if missing (with
 * the resolver's partition count), refuses to run if it exists with another partition count,
 * restores active and standby copies of the store from it (reading committed records only), and
 * records the offsets the resolver's own writes to it reach as the store's position. The store must
 * have logging disabled, or Streams would write each record to the topic a second time.
 */
final class StoreRestoredFromOutput extends Topology {

  /**
   * Restores {@code storeName} from {@code topic}; every record the topology writes to the topic's
   * partition p must be a write to the store of task p, and the only such writes.
   */
  void restoreFrom(String storeName, String topic) {
    internalTopologyBuilder.connectSourceStoreAndTopic(storeName, topic);
  }
}
