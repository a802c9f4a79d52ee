package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionalFieldDataTest {

  private static final List<Schema> WRITTEN =
      List.of(
          ContactKey.getClassSchema(),
          ContactCommand.getClassSchema(),
          ContactResult.getClassSchema(),
          ContactRecord.getClassSchema(),
          ContactData.getClassSchema());

  /**
   * Every record the pipeline writes, with every optional field set (each nested record, list and
   * map filled in turn) and with every optional field empty: the bytes must be Avro's own.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldEncodeEveryRecordExactlyAsAvrosOwnModelDoes(boolean optionalFieldsSet)
      throws Exception {
    for (Schema schema : WRITTEN) {
      SpecificRecord record = (SpecificRecord) valueOf(schema, optionalFieldsSet);

      assertThat(OptionalFieldData.encoder(schema).encode(record))
          .as(schema.getName())
          .isEqualTo(avrosOwnEncoder(schema).encode(record));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void shouldRefuseADatumNoBranchOfAnOptionalUnionTakesAsAvroDoes(int nullBranch) {
    Schema string = Schema.create(Schema.Type.STRING);
    Schema nothing = Schema.create(Schema.Type.NULL);
    Schema optionalString =
        Schema.createUnion(nullBranch == 0 ? List.of(nothing, string) : List.of(string, nothing));

    assertThat(OptionalFieldData.get().resolveUnion(optionalString, null)).isEqualTo(nullBranch);
    assertThat(OptionalFieldData.get().resolveUnion(optionalString, "text"))
        .isEqualTo(1 - nullBranch);
    assertThatThrownBy(() -> SpecificData.get().resolveUnion(optionalString, 42))
        .isInstanceOf(UnresolvedUnionException.class);
    assertThatThrownBy(() -> OptionalFieldData.get().resolveUnion(optionalString, 42))
        .isInstanceOf(UnresolvedUnionException.class);
  }

  private static BinaryMessageEncoder<SpecificRecord> avrosOwnEncoder(Schema schema) {
    return new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema);
  }

  /** A value of {@code schema}: optional fields set or empty, everything else filled in. */
  private static Object valueOf(Schema schema, boolean optionalFieldsSet) {
    return switch (schema.getType()) {
      case UNION -> {
        Schema chosen = null;
        for (Schema branch : schema.getTypes()) {
          boolean isNull = branch.getType() == Schema.Type.NULL;
          if (isNull != optionalFieldsSet) {
            chosen = branch;
          }
        }
        yield chosen == null ? null : valueOf(chosen, optionalFieldsSet);
      }
      case RECORD -> {
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), valueOf(field.schema(), optionalFieldsSet));
        }
        yield record;
      }
      case NULL -> null;
      case ENUM -> SpecificData.get().createEnum(schema.getEnumSymbols().get(0), schema);
      case STRING -> "text-" + schema.getName();
      case LONG ->
          schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
              ? Instant.ofEpochMilli(1_700_000_000_000L)
              : 7L;
      case INT -> 3;
      case DOUBLE -> 1.5;
      case FLOAT -> 2.5f;
      case BOOLEAN -> true;
      case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        items.add(valueOf(schema.getElementType(), optionalFieldsSet));
        items.add(valueOf(schema.getElementType(), optionalFieldsSet));
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("one", valueOf(schema.getValueType(), optionalFieldsSet));
        yield entries;
      }
      default -> throw new IllegalArgumentException("no sample for " + schema);
    };
  }
}
