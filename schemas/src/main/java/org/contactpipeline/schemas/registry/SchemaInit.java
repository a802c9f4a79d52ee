package org.contactpipeline.schemas.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment step that prepares a schema registry for this release: for every subject it
 * registers each released version under {@code avro-released/}, oldest first, and sets the
 * subject's compatibility to {@value Subjects#COMPATIBILITY}. Registering a schema that is already
 * there returns its ID, so running it again (every deployment does) changes nothing, and the IDs a
 * registry gave once are the IDs it keeps giving.
 *
 * <p>It checks each subject's versions itself first ({@link BackwardTransitive}) and refuses to
 * register any of them if the registry would refuse one, so a registry is never left half-updated.
 * The services never register anything: they look up their IDs at start and are not ready until
 * this has run. Its command-line entry point is {@code org.contactpipeline.deploy.SchemaInitMain}.
 */
public final class SchemaInit {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInit.class);

  private SchemaInit() {}

  /**
   * Registers every released version of every subject; returns each subject's IDs, oldest version
   * first.
   */
  public static Map<Subject, List<Integer>> run(SchemaRegistryClient registry) {
    for (Subject subject : Subjects.ALL) {
      List<String> problems = BackwardTransitive.problems(subject.releasedVersions());
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "the released versions of "
                + subject
                + " are not "
                + Subjects.COMPATIBILITY
                + "; nothing was registered: "
                + problems);
      }
    }
    Map<Subject, List<Integer>> registered = new LinkedHashMap<>();
    for (Subject subject : Subjects.ALL) {
      List<Integer> ids = new ArrayList<>();
      List<Schema> versions = subject.releasedVersions();
      // The first version creates the subject, which some registries need before it has a config;
      // the level is set before any later version, so each of those is checked against it.
      ids.add(registry.register(subject.name(), versions.get(0)));
      registry.setCompatibility(subject.name(), Subjects.COMPATIBILITY);
      for (Schema version : versions.subList(1, versions.size())) {
        ids.add(registry.register(subject.name(), version));
      }
      registered.put(subject, List.copyOf(ids));
      LOG.info(
          "{}: versions 1..{} registered with ids {}, compatibility {}",
          subject,
          ids.size(),
          ids,
          Subjects.COMPATIBILITY);
    }
    return registered;
  }
}
