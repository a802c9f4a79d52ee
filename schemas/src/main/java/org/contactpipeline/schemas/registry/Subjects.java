package org.contactpipeline.schemas.registry;

import java.util.List;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The registry subjects of the pipeline's topics, one per topic's values (TopicNameStrategy). Keys
 * have no subject: they stay in Avro's single-object encoding, because their bytes decide
 * partitions and compaction, and a schema ID inside them would change those bytes (see README).
 */
public final class Subjects {

  public static final Subject COMMANDS =
      Subject.ofValues(Topics.COMMANDS.name(), ContactCommand.getClassSchema());
  public static final Subject RESULTS =
      Subject.ofValues(Topics.RESULTS.name(), ContactResult.getClassSchema());
  public static final Subject CHANGELOG =
      Subject.ofValues(Topics.CHANGELOG.name(), ContactRecord.getClassSchema());

  /** Commands the resolver refused, written as the commands they were. */
  public static final Subject DEAD_LETTERS =
      Subject.ofValues(Topics.DEAD_LETTERS.name(), ContactCommand.getClassSchema());

  public static final Subject JOBS =
      Subject.ofValues(Topics.JOBS.name(), ContactJob.getClassSchema());
  public static final Subject JOB_RESULTS =
      Subject.ofValues(Topics.JOB_RESULTS.name(), ContactJobResult.getClassSchema());

  public static final List<Subject> ALL =
      List.of(COMMANDS, RESULTS, CHANGELOG, DEAD_LETTERS, JOBS, JOB_RESULTS);

  /**
   * What schema-init sets on every subject: a new version must read every earlier version's
   * records, so any consumer can read the whole topic with the newest schema.
   */
  public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

  private Subjects() {}
}
