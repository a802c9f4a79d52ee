package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.testing.JobRecords;
import org.junit.jupiter.api.Test;

class NeutralJobResponseBodyTest {

  @Test
  void shouldListEveryItemsOutcomeInItemOrder() throws IOException {
    ContactResult rejected =
        ContactResult.newBuilder(JobRecords.itemResult("demo", "job-1", 1, 2))
            .setContactId(0)
            .setNewContact(false)
            .setOutcome(CommandOutcome.REJECTED)
            .setMessage("email is not valid")
            .build();
    ContactResult unchanged =
        ContactResult.newBuilder(JobRecords.itemResult("demo", "job-1", 0, 2))
            .setNewContact(false)
            .setUnchanged(true)
            .build();

    JsonNode body =
        new ObjectMapper()
            .readTree(
                JobResponseBodies.neutral()
                    .render(
                        JobRecords.job("demo", "job-1", 2, null), List.of(unchanged, rejected)));

    assertThat(body.get("jobId").asText()).isEqualTo("job-1");
    assertThat(body.get("itemCount").asInt()).isEqualTo(2);
    assertThat(body.get("items")).hasSize(2);
    JsonNode first = body.get("items").get(0);
    assertThat(first.get("itemIndex").asInt()).isZero();
    assertThat(first.get("contactId").asLong()).isEqualTo(1000L);
    assertThat(first.get("outcome").asText()).isEqualTo("RESOLVED");
    assertThat(first.get("newContact").asBoolean()).isFalse();
    assertThat(first.get("unchanged").asBoolean()).isTrue();
    assertThat(first.get("message").isNull()).isTrue();
    JsonNode second = body.get("items").get(1);
    assertThat(second.get("itemIndex").asInt()).isEqualTo(1);
    assertThat(second.get("contactId").asLong()).isZero();
    assertThat(second.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(second.get("message").asText()).isEqualTo("email is not valid");
  }

  @Test
  void shouldRenderTheSameBytesEveryTime() {
    var job = JobRecords.job("demo", "job-2", 3, null);
    var items = JobRecords.itemResults("demo", "job-2", 3);

    assertThat(JobResponseBodies.neutral().render(job, items))
        .isEqualTo(JobResponseBodies.neutral().render(job, items));
  }
}
