package org.contactpipeline.store;

import java.util.List;
import java.util.Optional;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The read side of asynchronous jobs, as sink-service records them ({@code contact_jobs}, {@code
 * contact_job_items}): what ingest's progress, results and status calls answer from. Every read is
 * scoped by tenant, so another tenant's job is not found, exactly like one that never existed.
 *
 * @throws ContactStoreException from every method when the database cannot answer
 */
public interface JobStore {

  /** The job {@code jobId} of {@code tenant} with how far it got; empty when there is none. */
  Optional<StoredJob> job(String tenant, String jobId);

  /** The recorded item results of the job, in item order (all of them once it is complete). */
  List<ContactResult> itemResults(String tenant, String jobId);
}
