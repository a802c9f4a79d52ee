package org.contactpipeline.identity.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.contactpipeline.identity.Identifier;
import org.contactpipeline.identity.IdentifierType;
import org.junit.jupiter.api.Test;

class ClaimingWriteTest {

  private static final Identifier EMAIL = new Identifier(IdentifierType.EMAIL, "ann@example.com");
  private static final Identifier PHONE = new Identifier(IdentifierType.PHONE, "+447712345678");
  private static final Identifier USER = new Identifier(IdentifierType.USER_ID, "u-1");

  @Test
  void shouldClaimInTheOneOrderOnceEachWhateverOrderTheWriteGave() {
    ClaimingWrite write = new ClaimingWrite("w1", List.of(USER, PHONE, EMAIL, PHONE));

    assertThat(write.identifiers()).containsExactly(EMAIL, PHONE, USER);
    assertThat(write.nextClaim()).contains(EMAIL);
  }

  @Test
  void shouldBeReadyOnceEveryClaimIsGrantedWithTheHoldersLowestFirst() {
    ClaimingWrite write = new ClaimingWrite("w1", List.of(EMAIL, PHONE, USER));

    write.granted(EMAIL, Optional.of(9L));
    write.granted(PHONE, Optional.empty());
    assertThat(write.isReady()).isFalse();
    write.granted(USER, Optional.of(4L));

    assertThat(write.isReady()).isTrue();
    assertThat(write.nextClaim()).isEmpty();
    assertThat(write.holders()).containsExactly(4L, 9L);
  }

  @Test
  void shouldRefuseAGrantOfAnIdentifierItIsNotWaitingFor() {
    ClaimingWrite write = new ClaimingWrite("w1", List.of(EMAIL, PHONE));

    assertThatThrownBy(() -> write.granted(PHONE, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("waits for");
  }
}
