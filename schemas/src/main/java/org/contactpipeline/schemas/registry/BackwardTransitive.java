package org.contactpipeline.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The check a schema registry makes at {@code BACKWARD_TRANSITIVE}, made without one: every version
 * must read the records of every earlier version. Confluent's registry and Apicurio both decide
 * with Avro's own {@link SchemaCompatibility}, so a sequence that passes here is one they accept;
 * {@code ReleasedSchemaCompatibilityTest} runs it over every released subject, so that a change the
 * registry would refuse fails the build before it reaches a deployment.
 */
public final class BackwardTransitive {

  private BackwardTransitive() {}

  /**
   * What a registry at BACKWARD_TRANSITIVE would refuse in these versions (oldest first); empty
   * when it accepts them all.
   */
  public static List<String> problems(List<Schema> versions) {
    List<String> problems = new ArrayList<>();
    for (int reader = 1; reader < versions.size(); reader++) {
      for (int writer = 0; writer < reader; writer++) {
        SchemaPairCompatibility pair =
            SchemaCompatibility.checkReaderWriterCompatibility(
                versions.get(reader), versions.get(writer));
        if (pair.getType() != SchemaCompatibilityType.COMPATIBLE) {
          problems.add(
              "v"
                  + (reader + 1)
                  + " of "
                  + versions.get(reader).getFullName()
                  + " cannot read records of v"
                  + (writer + 1)
                  + ": "
                  + pair.getResult().getIncompatibilities().stream()
                      .map(
                          each ->
                              each.getType()
                                  + " at "
                                  + each.getLocation()
                                  + " ("
                                  + each.getMessage()
                                  + ")")
                      .toList());
        }
      }
    }
    return problems;
  }
}
