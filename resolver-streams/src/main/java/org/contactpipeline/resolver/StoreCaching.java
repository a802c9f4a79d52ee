package org.contactpipeline.resolver;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Whether the resolver's stores have Kafka Streams' record cache in front of them. Production runs
 * them uncached ({@link #OFF}, docs/decisions/0007-uncached-state-stores.md); only tests switch the
 * cache on, to prove that the identity invariants also hold in the configuration KAFKA-14172 broke
 * (standby replicas, store caching, exactly-once).
 */
enum StoreCaching {
  OFF,
  ON;

  <T extends StateStore> StoreBuilder<T> applyTo(StoreBuilder<T> store) {
    return this == ON ? store.withCachingEnabled() : store.withCachingDisabled();
  }
}
