package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.SchemaNormalization;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

/**
 * The 10 bytes every ContactKey key starts with, which the README gives to readers in other
 * languages (and the guide's Node client computes from the parsing canonical form). They can never
 * change: ContactKey is frozen, since its bytes decide partitions and compaction.
 */
class ContactKeySingleObjectHeaderTest {

  static final String HEADER = "c301b1d208b8f91f9b62";
  static final String CANONICAL =
      "{\"name\":\"org.contactpipeline.schemas.avro.ContactKey\",\"type\":\"record\","
          + "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},{\"name\":\"contactType\",\"type\":\"int\"},"
          + "{\"name\":\"contactKey\",\"type\":\"string\"}]}";

  @Test
  void shouldStartEveryContactKeyWithTheDocumentedTenBytes() {
    byte[] key =
        Topics.CONTACT_KEY_SERDE.serialize(
            "contact.changelog", new ContactKey("demo", 0, "someone@example.com"));

    assertThat(HexFormat.of().formatHex(Arrays.copyOf(key, 10))).isEqualTo(HEADER);
  }

  @Test
  void shouldBeTheCanonicalFormTheNodeClientFingerprints() {
    assertThat(SchemaNormalization.toParsingForm(ContactKey.getClassSchema())).isEqualTo(CANONICAL);
  }
}
