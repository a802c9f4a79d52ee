package org.contactpipeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;

/**
 * The bulk paths' input: a CSV file of new contacts in Cendyn CRM's field names, the same data per
 * contact as the direct bulk load's commands (an email as the key, a first and a last name), so
 * every path moves the same contacts. Written and read as a stream: a million rows never sit in
 * memory.
 *
 * @param path the CSV file
 * @param contacts rows below its header
 * @param run tells this run's emails apart from any other's
 */
record ContactFile(Path path, int contacts, String run) {

  static final String HEADER = "email,name_first,name_last";

  static ContactFile generate(Path directory, String run, int contacts) throws IOException {
    Path path = directory.resolve("contacts-" + run + ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < contacts; i++) {
        out.write(email(run, i));
        out.write(",Bulk,Load ");
        out.write(Integer.toString(i));
        out.write('\n');
      }
    }
    return new ContactFile(path, contacts, run);
  }

  long sizeInBytes() throws IOException {
    return Files.size(path);
  }

  static String email(String run, int i) {
    return "p" + i + "-" + run + "@bulk.example";
  }

  /**
   * The golden records the pipeline ends with for these contacts in {@code tenant} (IDs from 1),
   * generated as they are read, for the database's own limit on the same rows.
   */
  Iterator<ContactRecord> goldenRecords(String tenant) {
    return goldenRecords(run, contacts, tenant);
  }

  /** The golden records of {@code contacts} generated contacts of {@code run}, IDs from 1. */
  static Iterator<ContactRecord> goldenRecords(String run, int contacts, String tenant) {
    return goldenRecords(run, contacts, tenant, 1, Instant.now());
  }

  /**
   * The same with IDs from {@code firstId}, for more than one set of them in one table, created and
   * updated {@code at}.
   */
  static Iterator<ContactRecord> goldenRecords(
      String run, int contacts, String tenant, long firstId, Instant at) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < contacts;
      }

      @Override
      public ContactRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int i = next++;
        String email = email(run, i);
        return new ContactRecord(
            new ContactKey(tenant, 0, email),
            firstId + i,
            ContactStatus.ACTIVE,
            1L,
            at,
            at,
            ContactData.newBuilder()
                .setEmail(email)
                .setFirstName("Bulk")
                .setLastName("Load " + i)
                .build());
      }
    };
  }
}
