package org.contactpipeline.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.contactpipeline.ingest.testing.InMemoryJobStore;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.store.StoredJob;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.Test;

class JobLookupTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final JobLookup lookup = new JobLookup(store, clock);

  @Test
  void shouldFindAJobThisInstanceAcceptedBeforeTheSinkRecordsItAsNotStarted() {
    ContactJob job = job("j-1");
    lookup.recent().remember(job);

    StoredJob found = lookup.find("demo", "j-1").orElseThrow();

    assertThat(found.job()).isEqualTo(job);
    assertThat(found.recordedItems()).isZero();
    assertThat(found.isComplete()).isFalse();
    assertThat(lookup.find("other", "j-1")).isEmpty();
  }

  @Test
  void shouldPreferWhatTheSinkRecordedAndForgetItsOwnMemoryAfterTheRetention() {
    ContactJob recorded = job("j-2");
    store.recordJob(recorded);
    lookup.recent().remember(job("j-3"));

    clock.advance(RecentJobs.RETENTION.plus(Duration.ofSeconds(1)));

    assertThat(lookup.find("demo", "j-2")).map(StoredJob::job).contains(recorded);
    assertThat(lookup.find("demo", "j-3")).isEmpty();
  }

  private ContactJob job(String id) {
    return ContactJob.newBuilder()
        .setJobId(id)
        .setTenant("demo")
        .setKind(JobKind.IVVY_BATCH)
        .setItemCount(2)
        .setAcceptedAt(clock.instant())
        .setRequests(List.of("{}", "{}"))
        .build();
  }
}
