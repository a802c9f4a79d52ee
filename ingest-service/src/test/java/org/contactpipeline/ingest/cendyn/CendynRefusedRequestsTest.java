package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.cendyn.CendynServer.json;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.contactpipeline.ingest.testing.RefusedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the Cendyn API: the bad request is refused with its status and an {@code
 * {"error": ...}} that says what is wrong, and nothing reaches the pipeline. One server for all
 * cases: as none may publish, {@code published} stays empty throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CendynRefusedRequestsTest {

  private final CendynServer cendyn = new CendynServer();

  @AfterAll
  void stop() {
    cendyn.close();
  }

  static List<RefusedRequest> refusedRequests() {
    return CendynRefusedRequests.all();
  }

  @ParameterizedTest(name = "should refuse {0}")
  @MethodSource("refusedRequests")
  void shouldRefuseWithCendynsErrorAndPublishNothing(RefusedRequest refused) throws Exception {
    HttpResponse<String> response =
        refused.method().equals("GET")
            ? cendyn.get(refused.path(), refused.authorization())
            : cendyn.post(refused.path(), refused.body(), refused.authorization());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(refused.status());
    JsonNode body = json(response);
    assertThat(fieldNames(body)).containsExactly("error");
    assertThat(body.get("error").asText()).contains(refused.mustMention());
    assertThat(cendyn.pipeline.published).isEmpty();
    assertThat(cendyn.pipeline.publishedJobs).isEmpty();
  }
}
