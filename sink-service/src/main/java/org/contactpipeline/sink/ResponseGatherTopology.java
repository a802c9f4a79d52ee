package org.contactpipeline.sink;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.contactpipeline.schemas.ReleasedSchemas;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.PendingResponse;

/**
 * Gathers the per-item results of a request (resolved on many partitions, keyed by request on
 * {@code contact.results}) into the single response its ingest instance waits for.
 *
 * <pre>
 * contact.results ─► response-gatherer [pending-responses] ─► contact.responses (keyed by replyTo)
 * </pre>
 */
public final class ResponseGatherTopology {

  public static final String RESULTS_SOURCE = "results-source";
  public static final String GATHERER = "response-gatherer";
  public static final String RESPONSES_SINK = "responses-sink";
  /** Request id → results gathered so far. Entries leave on completion or timeout. */
  public static final String PENDING_STORE = "pending-responses";

  private ResponseGatherTopology() {
  }

  public static Topology build(SinkConfig config) {
    Topology topology = new Topology();
    topology.addSource(RESULTS_SOURCE,
        Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer(), Topics.RESULTS.name());
    topology.addProcessor(GATHERER,
        () -> new ResponseGatherer(config.gatherTimeout(), config.gatherCheckInterval()), RESULTS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE),
        Serdes.String(),
        Topics.avro(PendingResponse.class, PendingResponse.getEncoder(),
            PendingResponse.createDecoder(ReleasedSchemas.store()))), GATHERER);
    // Keyed by replyTo, so the default partitioner sends each response to the partition its
    // ingest instance listens on (see ReplyPartition in ingest-service).
    topology.addSink(RESPONSES_SINK, Topics.RESPONSES.name(),
        Topics.RESPONSES.keySerde().serializer(), Topics.RESPONSES.valueSerde().serializer(), GATHERER);
    return topology;
  }
}
