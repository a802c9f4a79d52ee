package org.contactpipeline.resolver;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB memtables of 64 KB (RocksDB's smallest) instead of Kafka Streams' 16 MB, for tests that
 * need a store's state on disk. Streams writes its stores without RocksDB's write-ahead log, so a
 * SIGKILL loses whatever is still in a memtable, and only state already flushed to SST files can
 * survive a crash: production's stores of millions of keys flush many times over, a test's few
 * thousand keys would never fill one memtable. Set through {@code KAFKA_ROCKSDB_CONFIG_SETTER}.
 */
public final class SmallMemtables implements RocksDBConfigSetter {

  private static final long WRITE_BUFFER_BYTES = 64 * 1024;

  public SmallMemtables() {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setWriteBufferSize(WRITE_BUFFER_BYTES);
  }

  @Override
  public void close(String storeName, Options options) {}
}
