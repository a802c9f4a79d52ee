package org.contactpipeline.config;

import java.util.List;

/**
 * The default consumer-group names of the pipeline's readers, in one place: each service defaults
 * its own group to one of these, and a stand-alone ingest's readiness checks them all.
 */
public final class ConsumerGroups {

  /** The resolver's Kafka Streams application id, which is also its group. */
  public static final String RESOLVER = "contact-resolver";

  /** sink-service's reader of {@code contact.changelog} into the contacts table. */
  public static final String SINK_MATERIALIZER = "contact-sink-materializer";

  /** sink-service's reader of delete results into the operations tables. */
  public static final String SINK_OPERATIONS = "contact-sink-operations";

  /** sink-service's reader of asynchronous jobs ({@code contact.jobs}) into the jobs tables. */
  public static final String SINK_JOBS = "contact-sink-jobs";

  /** sink-service's reader of job items' results ({@code contact.results}) into the jobs tables. */
  public static final String SINK_JOB_ITEMS = "contact-sink-job-items";

  /** Every group a request's effects pass through, in pipeline order. */
  public static final List<String> PIPELINE = List.of(RESOLVER, SINK_MATERIALIZER, SINK_OPERATIONS);

  private ConsumerGroups() {}
}
