package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.contactpipeline.resolver.IdentityLedger.Kind;
import org.contactpipeline.resolver.IdentityLedger.Violation;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;

/** The checker of the broker tests must catch each kind of breach on its own, and nothing else. */
class IdentityLedgerTest {

  private static final ContactKey ALICE = new ContactKey("demo", 0, "alice");
  private static final ContactKey BOB = new ContactKey("demo", 0, "bob");

  private final IdentityLedger ledger = new IdentityLedger();

  @Test
  void shouldFindNothingWhenEveryCommandHasOneResultAndEveryKeyItsOwnId() {
    ledger.recordResult(result("r1", ALICE, 12));
    ledger.recordResult(result("r2", BOB, 24));
    ledger.recordResult(result("r3", ALICE, 12));
    ledger.recordGoldenRecord(golden(ALICE, 12));
    ledger.recordGoldenRecord(golden(BOB, 24));

    assertThat(ledger.violations(List.of("r1", "r2", "r3"))).isEmpty();
  }

  @Test
  void shouldReportAnAcceptedCommandWithoutResult() {
    ledger.recordResult(result("r1", ALICE, 12));

    assertThat(ledger.violations(List.of("r1", "r2")))
        .containsExactly(new Violation(Kind.MISSING_RESULT, "r2"));
    assertThat(ledger.unanswered(List.of("r1", "r2"))).containsExactly("r2");
  }

  @Test
  void shouldReportACommandWithTwoResults() {
    ledger.recordResult(result("r1", ALICE, 12));
    ledger.recordResult(result("r1", ALICE, 12));

    assertThat(ledger.violations(List.of("r1")))
        .extracting(Violation::kind)
        .containsExactly(Kind.REPEATED_RESULT);
  }

  @Test
  void shouldReportAnIdGivenToTwoKeys() {
    ledger.recordResult(result("r1", ALICE, 12));
    ledger.recordResult(result("r2", BOB, 12));

    assertThat(ledger.violations(List.of("r1", "r2")))
        .containsExactly(new Violation(Kind.ID_ON_SEVERAL_KEYS, "ID 12 was given to [alice, bob]"));
  }

  @Test
  void shouldReportAKeyGivenTwoIds() {
    ledger.recordResult(result("r1", ALICE, 12));
    ledger.recordResult(result("r2", ALICE, 24));

    assertThat(ledger.violations(List.of("r1", "r2")))
        .containsExactly(new Violation(Kind.KEY_WITH_SEVERAL_IDS, "alice was given IDs [12, 24]"));
  }

  @Test
  void shouldReportAnIdTheChangelogRecordedForAnotherKeyThanItsResult() {
    ledger.recordResult(result("r1", ALICE, 12));
    ledger.recordGoldenRecord(golden(BOB, 12));

    assertThat(ledger.violations(List.of("r1")))
        .extracting(Violation::kind)
        .containsExactly(Kind.ID_ON_SEVERAL_KEYS);
  }

  @Test
  void shouldNotTakeResultsWithoutAContactForAnIdSharedByTheirKeys() {
    ledger.recordResult(result("r1", ALICE, 0));
    ledger.recordResult(result("r2", BOB, 0));
    ledger.recordGoldenRecord(null);

    assertThat(ledger.violations(List.of("r1", "r2"))).isEmpty();
  }

  private static ContactResult result(String requestId, ContactKey key, long contactId) {
    return ContactResult.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(key)
        .setContactId(contactId)
        .setStatus(contactId == 0 ? null : ContactStatus.ACTIVE)
        .setNewContact(false)
        .setResolvedAt(Instant.EPOCH)
        .setAction(CommandAction.ESTABLISH)
        .setOutcome(contactId == 0 ? CommandOutcome.NOT_FOUND : CommandOutcome.RESOLVED)
        .build();
  }

  private static ContactRecord golden(ContactKey key, long contactId) {
    return ContactRecord.newBuilder()
        .setKey(key)
        .setContactId(contactId)
        .setStatus(ContactStatus.ACTIVE)
        .setVersion(1)
        .setCreatedAt(Instant.EPOCH)
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }
}
