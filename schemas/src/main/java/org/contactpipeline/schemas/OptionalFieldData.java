package org.contactpipeline.schemas;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model every encoder of the pipeline writes with: Avro's own for the generated
 * classes, except that an optional field (a union of null and one other type) is resolved by a null
 * check and a type test instead of a lookup by the datum's type name. Avro looks the name up in a
 * hash map for every union it writes, and contacts are mostly optional fields: in a bulk load (JFR)
 * that lookup was a third of the time spent encoding, and encoding a sixth of all the stack's CPU
 * samples. Anything the shortcut does not plainly recognise (logical types, other unions, a datum
 * of an unexpected type) goes Avro's way, so the bytes written, and the errors, are the same.
 */
public final class OptionalFieldData extends SpecificData {

  private static final OptionalFieldData INSTANCE = new OptionalFieldData();

  private OptionalFieldData() {
    // The generated classes' own models carry this conversion; nested timestamps need it here.
    addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  public static SpecificData get() {
    return INSTANCE;
  }

  /** A single-object encoder of {@code schema}'s generated class that writes with this model. */
  public static <T extends SpecificRecord> BinaryMessageEncoder<T> encoder(Schema schema) {
    return new BinaryMessageEncoder<>(INSTANCE, schema);
  }

  @Override
  public int resolveUnion(Schema union, Object datum) {
    List<Schema> branches = union.getTypes();
    if (branches.size() == 2) {
      int nullBranch = nullBranchOf(branches);
      if (nullBranch >= 0) {
        if (datum == null) {
          return nullBranch;
        }
        int other = 1 - nullBranch;
        if (plainlyOf(branches.get(other), datum)) {
          return other;
        }
      }
    }
    return super.resolveUnion(union, datum);
  }

  private static int nullBranchOf(List<Schema> branches) {
    if (branches.get(0).getType() == Schema.Type.NULL) {
      return 0;
    }
    return branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
  }

  /** True only where Avro's own resolution would pick {@code branch} for {@code datum} too. */
  private static boolean plainlyOf(Schema branch, Object datum) {
    if (branch.getLogicalType() != null) {
      return false;
    }
    return switch (branch.getType()) {
      case STRING -> datum instanceof CharSequence;
      case RECORD, ENUM, FIXED ->
          datum instanceof GenericContainer container
              && (container.getSchema() == branch
                  || container.getSchema().getFullName().equals(branch.getFullName()));
      case MAP -> datum instanceof Map;
      case ARRAY -> datum instanceof Collection;
      case LONG -> datum instanceof Long;
      case INT -> datum instanceof Integer;
      case BOOLEAN -> datum instanceof Boolean;
      case DOUBLE -> datum instanceof Double;
      case FLOAT -> datum instanceof Float;
      case BYTES -> datum instanceof ByteBuffer;
      default -> false;
    };
  }
}
