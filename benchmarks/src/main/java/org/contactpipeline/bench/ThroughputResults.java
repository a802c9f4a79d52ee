package org.contactpipeline.bench;

import java.util.List;
import java.util.Optional;
import org.contactpipeline.bench.ThroughputPlan.RequestShape;

/**
 * What one run of {@link ThroughputBenchmark} measured, step by step, for {@link ThroughputReport}
 * to print beside its references. Plain figures only: every ratio is the report's to compute.
 *
 * @param rawKafka the reference measured on the same broker before the pipeline's steps
 * @param bulk the bulk load
 * @param http the HTTP steps; empty in a {@code -Dbench.only=bulk} run
 */
record ThroughputResults(RawKafka rawKafka, Bulk bulk, Optional<Http> http) {

  /**
   * Raw Kafka on the stack's own broker: how fast records of a bulk command's size are produced,
   * and one produce → read_committed consume hop, the least a pipeline round trip can cost.
   */
  record RawKafka(double produceRate, int recordBytes, int partitions, Latencies hop) {}

  /**
   * The bulk load, the Kafka Streams floor on the same commands, the database's limits on the same
   * rows, the sink's write rate and its Debezium peer's on the same golden records, the records and
   * bytes the load wrote to Kafka per contact and the stack JVM's heap after a GC before and after
   * it.
   */
  record Bulk(
      BulkLoad.Result load,
      StreamsFloor.Result floor,
      DatabaseLimits.Result databaseLimits,
      SinkWriteRates.Result sinkWriteRates,
      KafkaRecordsWritten.PerContact kafkaRecordsPerContact,
      long kafkaBytesPerContact,
      long heapBeforeBytes,
      long heapAfterBytes) {}

  /**
   * One HTTP step: the same load on the pipeline and on the direct-JDBC peer, one after the other.
   */
  record HttpStep(RequestShape shape, LoadGenerator.Result pipeline, LoadGenerator.Result peer) {}

  /** Sequential establish requests of many keys each, on the pipeline. */
  record LargeRequests(int keys, LoadGenerator.Result requests) {}

  /**
   * Establish requests that ask for no results, on the pipeline: how fast they are accepted, then
   * how long until their contacts are all in PostgreSQL.
   */
  record FireAndForget(int keys, LoadGenerator.Result accepted, double drainSeconds) {}

  /**
   * The HTTP part of a full run.
   *
   * @param steps one per {@link ThroughputPlan#httpSteps()}, in that order
   */
  record Http(List<HttpStep> steps, LargeRequests largeRequests, FireAndForget fireAndForget) {

    Http {
      steps = List.copyOf(steps);
    }

    /** The pipeline's figures at one shape, when the plan ran it. */
    Optional<LoadGenerator.Result> pipelineAt(int keys, int clients) {
      RequestShape wanted = new RequestShape(keys, clients);
      return steps.stream()
          .filter(step -> step.shape().equals(wanted))
          .map(HttpStep::pipeline)
          .findFirst();
    }
  }
}
