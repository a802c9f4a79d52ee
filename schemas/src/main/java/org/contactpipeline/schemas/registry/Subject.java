package org.contactpipeline.schemas.registry;

import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.contactpipeline.schemas.ReleasedSchemas;

/**
 * A schema registry subject this pipeline writes: a topic's values under Confluent's
 * TopicNameStrategy ({@code <topic>-value}), and the generated record class they hold.
 *
 * @param name the subject, e.g. {@code contact.changelog-value}
 * @param current the schema of the generated class this build writes with
 */
public record Subject(String name, Schema current) {

  public Subject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(current, "current");
  }

  /** The subject of a topic's values under TopicNameStrategy. */
  public static Subject ofValues(String topic, Schema current) {
    return new Subject(topic + "-value", current);
  }

  /**
   * Every released version of this subject's record, oldest first: what schema-init registers, in
   * order.
   */
  public List<Schema> releasedVersions() {
    return ReleasedSchemas.all().stream()
        .filter(schema -> schema.getFullName().equals(current.getFullName()))
        .toList();
  }

  /**
   * The released version this build writes: the one with the generated class's fingerprint. The
   * registry is asked for its ID with exactly the text schema-init registered.
   */
  public Schema writerSchema() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(current);
    return releasedVersions().stream()
        .filter(schema -> SchemaNormalization.parsingFingerprint64(schema) == fingerprint)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    current.getFullName()
                        + " of this build is not among the released schemas (avro-released/index.txt)"));
  }

  @Override
  public String toString() {
    return name;
  }
}
