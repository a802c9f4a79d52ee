package org.contactpipeline.identity.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifierLockTest {

  @Test
  void shouldGrantAFreeIdentifierAndQueueTheNextClaimsInOrder() {
    IdentifierLock lock = new IdentifierLock(7L);

    assertThat(lock.claim("w1")).isEqualTo(new IdentifierLock.Granted("w1", Optional.of(7L)));
    assertThat(lock.claim("w2")).isEqualTo(new IdentifierLock.Queued("w2", "w1"));
    assertThat(lock.claim("w3")).isEqualTo(new IdentifierLock.Queued("w3", "w1"));
    assertThat(lock.waiting()).containsExactly("w2", "w3");
  }

  @Test
  void shouldAnswerARepeatedClaimAsTheFirst() {
    IdentifierLock lock = new IdentifierLock(null);
    lock.claim("w1");
    lock.claim("w2");

    assertThat(lock.claim("w1")).isEqualTo(new IdentifierLock.Granted("w1", Optional.empty()));
    assertThat(lock.claim("w2")).isEqualTo(new IdentifierLock.Queued("w2", "w1"));
    assertThat(lock.waiting()).containsExactly("w2");
  }

  @Test
  void shouldHandTheIdentifierToTheNextWriteWithWhatTheFinishedOneLeft() {
    IdentifierLock lock = new IdentifierLock(null);
    lock.claim("w1");
    lock.claim("w2");
    lock.claim("w3");

    assertThat(lock.finishHeldBy("w1", 12))
        .contains(new IdentifierLock.Granted("w2", Optional.of(12L)));
    assertThat(lock.finishUnchanged("w2"))
        .contains(new IdentifierLock.Granted("w3", Optional.of(12L)));
    assertThat(lock.finishFreed("w3")).isEmpty();
    assertThat(lock.holder()).isEmpty();
    assertThat(lock.claimedBy()).isEmpty();
  }

  @Test
  void shouldRefuseAFinishByAWriteThatDoesNotHoldTheClaim() {
    IdentifierLock lock = new IdentifierLock(null);
    lock.claim("w1");
    lock.claim("w2");

    assertThatThrownBy(() -> lock.finishHeldBy("w2", 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("claimed by w1");
  }
}
