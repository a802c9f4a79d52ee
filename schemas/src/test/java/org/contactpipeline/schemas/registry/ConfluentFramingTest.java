package org.contactpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfluentFramingTest {

  @Test
  void shouldWriteTheMagicByteThenTheSchemaIdBigEndian() {
    assertThat(ConfluentFraming.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadTheSchemaIdBackFromAFramedValue() {
    byte[] value = {0, 0, 0, 1, 2, 42};

    assertThat(ConfluentFraming.isFramed(value)).isTrue();
    assertThat(ConfluentFraming.schemaId(value)).hasValue(258);
  }

  @Test
  void shouldTellSingleObjectEncodingApartByItsFirstByte() {
    byte[] singleObject = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};

    assertThat(ConfluentFraming.isFramed(singleObject)).isFalse();
    assertThat(ConfluentFraming.schemaId(singleObject)).isEmpty();
  }

  @Test
  void shouldNotTakeBytesTooShortForASchemaIdAsFramed() {
    assertThat(ConfluentFraming.isFramed(new byte[] {0, 0, 1})).isFalse();
    assertThat(ConfluentFraming.isFramed(null)).isFalse();
  }
}
