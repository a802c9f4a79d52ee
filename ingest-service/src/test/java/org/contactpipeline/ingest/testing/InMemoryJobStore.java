package org.contactpipeline.ingest.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.JobStore;
import org.contactpipeline.store.StoredJob;

/**
 * {@link JobStore} over jobs and item results kept in memory, recorded as sink-service records
 * them: items may come before their job, the first result of an item stands, a redelivery copy
 * changes nothing, and a job is complete once all its items are in. The SQL store is proven on
 * PostgreSQL in contact-store.
 */
public final class InMemoryJobStore implements JobStore {

  private final Map<String, ContactJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, ContactResult>> items = new ConcurrentHashMap<>();

  /** When set, results are not recorded: the sink lags (a running job). */
  public volatile boolean holdResults;

  public void recordJob(ContactJob job) {
    if (!job.getRedeliver()) {
      jobs.putIfAbsent(key(job.getTenant(), job.getJobId()), job);
    }
  }

  public void recordResult(ContactResult result) {
    if (holdResults || !result.getJob()) {
      return;
    }
    items
        .computeIfAbsent(
            key(result.getKey().getTenant(), result.getRequestId()),
            id -> new ConcurrentHashMap<>())
        .putIfAbsent(result.getItemIndex(), result);
  }

  @Override
  public Optional<StoredJob> job(String tenant, String jobId) {
    ContactJob job = jobs.get(key(tenant, jobId));
    if (job == null) {
      return Optional.empty();
    }
    int recorded = items.getOrDefault(key(tenant, jobId), Map.of()).size();
    return Optional.of(
        new StoredJob(job, recorded, recorded == job.getItemCount() ? Instant.now() : null));
  }

  @Override
  public List<ContactResult> itemResults(String tenant, String jobId) {
    return items.getOrDefault(key(tenant, jobId), Map.of()).values().stream()
        .sorted(Comparator.comparingInt(ContactResult::getItemIndex))
        .toList();
  }

  private static String key(String tenant, String jobId) {
    return tenant + '\u0000' + jobId;
  }
}
