package org.contactpipeline.resolver;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The golden records of one partition as the resolver keeps them: encoded once, as {@code
 * contact.changelog} carries them, and those same bytes go into the store and onto the topic. The
 * store holds bytes rather than records because restoring it copies the topic's bytes in anyway,
 * and because encoding each new golden record twice (once for the store, once for the topic) was a
 * tenth of the stream thread's time in a bulk load (JFR).
 */
final class GoldenRecords {

  private final KeyValueStore<ContactKey, byte[]> store;
  private final Serializer<ContactRecord> encoder;
  private final Deserializer<ContactRecord> decoder;

  /**
   * @param encoder how this deployment writes {@code contact.changelog}'s values
   * @param decoder reads every encoding the topic may hold
   */
  GoldenRecords(
      KeyValueStore<ContactKey, byte[]> store,
      Serializer<ContactRecord> encoder,
      Deserializer<ContactRecord> decoder) {
    this.store = store;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  /** The live golden record of {@code key}, or {@code null}. */
  ContactRecord get(ContactKey key) {
    return decode(store.get(key));
  }

  /** The bytes {@code golden} is kept and published as. */
  byte[] encode(ContactRecord golden) {
    return encoder.serialize(Topics.CHANGELOG.name(), golden);
  }

  /** Keeps the encoded golden record of {@code key}. */
  void put(ContactKey key, byte[] encoded) {
    store.put(key, encoded);
  }

  void delete(ContactKey key) {
    store.delete(key);
  }

  /** Every golden record of the partition, decoded. */
  void forEach(BiConsumer<ContactKey, ContactRecord> action) {
    try (KeyValueIterator<ContactKey, byte[]> all = store.all()) {
      all.forEachRemaining(entry -> action.accept(entry.key, decode(entry.value)));
    }
  }

  private ContactRecord decode(byte[] encoded) {
    return encoded == null ? null : decoder.deserialize(Topics.CHANGELOG.name(), encoded);
  }
}
