package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.chaos.ContactRecords.key;
import static org.contactpipeline.chaos.ContactRecords.record;

import java.util.Map;
import org.contactpipeline.chaos.TableConvergence.Row;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.junit.jupiter.api.Test;

class TableConvergenceTest {

  private static final Map<ContactKey, ContactRecord> GOLDEN =
      Map.of(key("k1"), record("k1", 1, 2), key("k2"), record("k2", 2, 1));

  @Test
  void shouldFindNoDifferenceWhenEveryRowMatchesItsGoldenRecord() {
    assertThat(TableConvergence.differing(Map.of("k1", new Row(1, 2), "k2", new Row(2, 1)), GOLDEN))
        .isZero();
  }

  @Test
  void shouldCountAMissingRow() {
    assertThat(TableConvergence.differing(Map.of("k1", new Row(1, 2)), GOLDEN)).isEqualTo(1);
  }

  @Test
  void shouldCountARowWithAnotherIdOrVersion() {
    assertThat(TableConvergence.differing(Map.of("k1", new Row(1, 1), "k2", new Row(3, 1)), GOLDEN))
        .isEqualTo(2);
  }

  @Test
  void shouldCountARowWithoutAGoldenRecord() {
    assertThat(
            TableConvergence.differing(
                Map.of("k1", new Row(1, 2), "k2", new Row(2, 1), "k3", new Row(3, 1)), GOLDEN))
        .isEqualTo(1);
  }
}
