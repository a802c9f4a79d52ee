package org.contactpipeline.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.message.BinaryMessageEncoder;
import org.contactpipeline.schemas.OptionalFieldData;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;

/**
 * The cost of encoding one golden record, as the resolver and the sink do for every contact, with
 * Avro's own model for the generated class (the baseline) and with {@link OptionalFieldData}, in
 * alternating rounds of one JVM. Prints the median of each and their ratio.
 *
 * <pre>./mvnw -q -pl benchmarks -am install -DskipTests exec:java@encoding</pre>
 */
public final class EncodingBenchmark {

  private static final int ROUNDS = 14;
  private static final int PER_ROUND = 1_000_000;

  private EncodingBenchmark() {}

  public static void main(String[] args) throws IOException {
    ContactRecord record = goldenRecord();
    BinaryMessageEncoder<ContactRecord> avros = ContactRecord.getEncoder();
    BinaryMessageEncoder<ContactRecord> ours =
        OptionalFieldData.encoder(ContactRecord.getClassSchema());
    List<Double> baseline = new ArrayList<>();
    List<Double> optional = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on the warmer JIT.
      boolean baselineFirst = round % 2 == 0;
      double first = nanosPerEncode(baselineFirst ? avros : ours, record);
      double second = nanosPerEncode(baselineFirst ? ours : avros, record);
      baseline.add(baselineFirst ? first : second);
      optional.add(baselineFirst ? second : first);
    }
    // The first rounds are the JIT's; the medians of the later half are the steady state.
    double avrosMedian = median(baseline.subList(ROUNDS / 2, ROUNDS));
    double oursMedian = median(optional.subList(ROUNDS / 2, ROUNDS));
    System.out.printf(
        "encode one ContactRecord (%d B): Avro's model %.0f ns, OptionalFieldData %.0f ns,"
            + " ratio %.2f (median of the last %d rounds of %,d)%n",
        ours.encode(record).remaining(),
        avrosMedian,
        oursMedian,
        oursMedian / avrosMedian,
        ROUNDS / 2,
        PER_ROUND);
  }

  private static double nanosPerEncode(BinaryMessageEncoder<ContactRecord> encoder, ContactRecord r)
      throws IOException {
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      bytes += encoder.encode(r).remaining();
    }
    double nanos = (double) (System.nanoTime() - start) / PER_ROUND;
    if (bytes == 0) {
      throw new IllegalStateException("nothing was encoded");
    }
    return nanos;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** A contact as a bulk load makes them: a key, names and an email, every other field unset. */
  private static ContactRecord goldenRecord() {
    ContactData data = new ContactData();
    data.setFirstName("Ann");
    data.setLastName("Lee");
    data.setEmail("ann.lee@example.com");
    Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
    return ContactRecord.newBuilder()
        .setKey(new ContactKey("demo", 0, "ann.lee@example.com"))
        .setContactId(123_456L)
        .setStatus(ContactStatus.ACTIVE)
        .setVersion(1L)
        .setCreatedAt(at)
        .setUpdatedAt(at)
        .setData(data)
        .build();
  }
}
