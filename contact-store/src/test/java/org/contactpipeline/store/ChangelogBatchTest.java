package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;

class ChangelogBatchTest {

  private static final ContactKey ALICE = new ContactKey("demo", 0, "alice");
  private static final ContactKey BOB = new ContactKey("demo", 0, "bob");

  @Test
  void shouldKeepOnlyTheLastRecordOfEachKey() {
    ChangelogBatch batch = new ChangelogBatch();
    batch.add(ALICE, record(ALICE, 1));
    batch.add(BOB, record(BOB, 1));
    batch.add(ALICE, record(ALICE, 2));

    assertThat(batch.upserts())
        .extracting(ContactRecord::getVersion, r -> r.getKey().getContactKey())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(2L, "alice"),
            org.assertj.core.groups.Tuple.tuple(1L, "bob"));
    assertThat(batch.deletes()).isEmpty();
  }

  @Test
  void shouldTurnATombstoneAfterARecordIntoADelete() {
    ChangelogBatch batch = new ChangelogBatch();
    batch.add(ALICE, record(ALICE, 1));
    batch.add(ALICE, null);

    assertThat(batch.upserts()).isEmpty();
    assertThat(batch.deletes()).containsExactly(ALICE);
  }

  private static ContactRecord record(ContactKey key, long version) {
    Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
    return new ContactRecord(key, 42L, ContactStatus.ACTIVE, version, at, at, null);
  }
}
