package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

class OwnerPartitionTest {

  @Test
  void shouldAgreeWithKafkasDefaultPartitionerForTheEncodedKey() {
    for (int i = 0; i < 500; i++) {
      ContactKey key = new ContactKey("tenant-" + (i % 7), i % 3, "key-" + i);
      byte[] bytes = Topics.COMMANDS.keySerde().serializer().serialize(Topics.COMMANDS.name(), key);

      assertThat(OwnerPartition.of(key, 12))
          .isEqualTo(BuiltInPartitioner.partitionForKey(bytes, 12));
    }
  }

  @Test
  void shouldSpreadKeysOverEveryPartition() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(OwnerPartition.of(new ContactKey("demo", 0, "key-" + i), 12));
    }
    assertThat(seen).hasSize(12);
  }

  @Test
  void shouldSeparateTenantsWithTheSameKeyAsDifferentIdentities() {
    assertThat(Topics.CONTACT_KEY_SERDE.serialize("t", new ContactKey("a", 0, "k")))
        .isNotEqualTo(Topics.CONTACT_KEY_SERDE.serialize("t", new ContactKey("b", 0, "k")));
  }

  @Test
  void shouldRefuseANonPositivePartitionCount() {
    assertThatThrownBy(() -> OwnerPartition.ofKeyBytes(new byte[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
