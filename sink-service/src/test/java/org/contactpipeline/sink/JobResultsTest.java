package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.JobItemOutcome;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.store.FinishedJob;
import org.contactpipeline.testing.JobRecords;
import org.junit.jupiter.api.Test;

class JobResultsTest {

  @Test
  void shouldCarryTheJobAndEveryItemsOutcomeInItemOrder() {
    Instant completed = Instant.parse("2026-01-05T10:15:31.123456Z");
    FinishedJob finished =
        new FinishedJob(
            JobRecords.job("demo", "job-1", 3, "https://hooks.example.com/"),
            completed,
            JobRecords.itemResults("demo", "job-1", 3));

    ContactJobResult result = JobResults.of(finished);

    assertThat(result.getJobId()).isEqualTo("job-1");
    assertThat(result.getTenant()).isEqualTo("demo");
    assertThat(result.getKind()).isEqualTo(JobKind.CENDYN_CREATE_BULK);
    assertThat(result.getItemCount()).isEqualTo(3);
    assertThat(result.getAcceptedAt()).isEqualTo(JobRecords.ACCEPTED);
    assertThat(result.getCompletedAt()).isEqualTo(Instant.parse("2026-01-05T10:15:31.123Z"));
    assertThat(result.getItems())
        .extracting(JobItemOutcome::getItemIndex, JobItemOutcome::getContactId)
        .containsExactly(tuple(0, 1000L), tuple(1, 1001L), tuple(2, 1002L));
  }

  @Test
  void shouldBuildIdenticalRecordsFromTheSameRows() {
    FinishedJob finished =
        new FinishedJob(
            JobRecords.job("demo", "job-2", 2, null),
            Instant.parse("2026-01-05T10:15:31.123456Z"),
            JobRecords.itemResults("demo", "job-2", 2));

    assertThat(JobResults.of(finished)).isEqualTo(JobResults.of(finished));
  }
}
