package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

  private static final String OK_BODY =
      """
      [{"items":[
        {"value":{"requestedContactKey":"k1","contactReference":
          {"contactID":7,"contactType":"0","contactKey":"k1","contactStatus":"Active"}},
         "requestItemIndex":0},
        {"value":{"requestedContactKey":"k2","contactReference":
          {"contactID":8,"contactType":"0","contactKey":"k2","contactStatus":"Active"}},
         "requestItemIndex":1}],
        "requestServiceMessageID":"req-1","resultMessages":[],"serviceMessageID":"s-1"}]
      """;

  @Test
  void shouldReadTheRequestIdAndEachKeysContactIdFromA200() {
    HttpAnswer answer = HttpAnswer.parse(10, 20, 200, List.of("k1", "k2"), OK_BODY);

    assertThat(answer.requestId()).isEqualTo("req-1");
    assertThat(answer.ids()).containsExactly(Map.entry("k1", 7L), Map.entry("k2", 8L));
  }

  @Test
  void shouldReadOnlyTheRequestIdFromA504() {
    String body =
        """
        [{"requestServiceMessageID":"req-2","resultMessages":
          [{"resultCode":"ResponseTimedOut","message":"request req-2 timed out"}]}]
        """;

    HttpAnswer answer = HttpAnswer.parse(10, 20, 504, List.of("k1"), body);

    assertThat(answer.requestId()).isEqualTo("req-2");
    assertThat(answer.ids()).isEmpty();
  }

  @Test
  void shouldKeepABodyThatIsNotJsonWithoutARequestId() {
    HttpAnswer answer = HttpAnswer.parse(10, 20, 502, List.of("k1"), "Bad Gateway");

    assertThat(answer.requestId()).isNull();
    assertThat(answer.body()).isEqualTo("Bad Gateway");
  }

  @Test
  void shouldRecordARequestWithoutAnswerAsStatusMinusOne() {
    HttpAnswer answer = HttpAnswer.unanswered(10, 30, List.of("k1"), "ConnectException");

    assertThat(answer.status()).isEqualTo(HttpAnswer.NO_ANSWER).isEqualTo(-1);
    assertThat(answer.requestId()).isNull();
    assertThat(answer.lastSeenNanos()).isEqualTo(30);
  }

  @Test
  void shouldBeLastSeenWhenSentWhenTheAnswerTimeIsEarlier() {
    HttpAnswer answer = HttpAnswer.parse(50, 40, 200, List.of("k1"), OK_BODY);

    assertThat(answer.lastSeenNanos()).isEqualTo(50);
  }
}
