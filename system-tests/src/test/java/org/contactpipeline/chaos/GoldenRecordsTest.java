package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.chaos.ContactRecords.key;
import static org.contactpipeline.chaos.ContactRecords.record;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GoldenRecordsTest {

  private final GoldenRecords golden = new GoldenRecords(Set.of("k1", "k2"));

  @Test
  void shouldKeepTheLastRecordOfEachKey() {
    golden.add(key("k1"), record("k1", 1, 1));
    golden.add(key("k1"), record("k1", 1, 2));
    golden.add(key("k2"), record("k2", 2, 1));

    assertThat(golden.last())
        .containsOnlyKeys(key("k1"), key("k2"))
        .containsEntry(key("k1"), record("k1", 1, 2));
    assertThat(golden.versionsGoingBack()).isEmpty();
  }

  @Test
  void shouldNoteAVersionGoingBack() {
    golden.add(key("k1"), record("k1", 1, 3));
    golden.add(key("k1"), record("k1", 1, 2));

    assertThat(golden.versionsGoingBack()).singleElement().asString().contains("went from 3 to 2");
  }

  @Test
  void shouldNotTakeTheSameVersionAgainForGoingBack() {
    golden.add(key("k1"), record("k1", 1, 2));
    golden.add(key("k1"), record("k1", 1, 2));

    assertThat(golden.versionsGoingBack()).isEmpty();
  }

  @Test
  void shouldSkipTombstonesAndOtherRunsKeys() {
    golden.add(key("k1"), null);
    golden.add(key("other-run"), record("other-run", 5, 1));

    assertThat(golden.last()).isEmpty();
  }
}
