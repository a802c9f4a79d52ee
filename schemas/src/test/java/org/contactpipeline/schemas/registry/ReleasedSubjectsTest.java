package org.contactpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What a schema registry at BACKWARD_TRANSITIVE would refuse fails here first: every subject's
 * released versions, in order, must each read the records of all earlier ones, and this build
 * writes the newest of them.
 */
class ReleasedSubjectsTest {

  static final List<Subject> SUBJECTS = Subjects.ALL;

  @ParameterizedTest
  @FieldSource("SUBJECTS")
  void shouldBeAcceptedByARegistryAtBackwardTransitive(Subject subject) {
    assertThat(BackwardTransitive.problems(subject.releasedVersions()))
        .as("a registry at %s would refuse these versions of %s", Subjects.COMPATIBILITY, subject)
        .isEmpty();
  }

  @ParameterizedTest
  @FieldSource("SUBJECTS")
  void shouldWriteTheNewestReleasedVersion(Subject subject) {
    List<Schema> versions = subject.releasedVersions();

    assertThat(versions).isNotEmpty();
    assertThat(SchemaNormalization.parsingFingerprint64(subject.writerSchema()))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(versions.get(versions.size() - 1)))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(subject.current()));
  }

  @Test
  void shouldNameSubjectsAfterTheirTopicsValues() {
    assertThat(Subjects.ALL)
        .extracting(Subject::name)
        .containsExactly(
            "contact.commands-value",
            "contact.results-value",
            "contact.changelog-value",
            "contact.dead-letters-value",
            "contact.jobs-value",
            "contact.job-results-value");
  }

  @Test
  void shouldRefuseANewRequiredFieldAsARegistryWould() {
    Schema v1 = record("{\"name\": \"a\", \"type\": \"string\"}");
    Schema withDefault =
        record(
            "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 0}");
    Schema required =
        record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\"}");

    assertThat(BackwardTransitive.problems(List.of(v1, withDefault))).isEmpty();
    assertThat(BackwardTransitive.problems(List.of(v1, required)))
        .singleElement()
        .asString()
        .contains("v2 of test.T cannot read records of v1")
        .contains("READER_FIELD_MISSING_DEFAULT");
  }

  @Test
  void shouldCheckEveryEarlierVersionNotOnlyTheLastOne() {
    Schema v1 = record("{\"name\": \"a\", \"type\": \"string\"}");
    Schema v2 =
        record(
            "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 0}");
    // Reads v2 (b has a default in v2's records), but not v1, whose records have no b at all.
    Schema v3 =
        record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\"}");

    assertThat(BackwardTransitive.problems(List.of(v1, v2, v3)))
        .singleElement()
        .asString()
        .contains("v3 of test.T cannot read records of v1");
  }

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"T\", \"namespace\": \"test\", \"fields\": ["
                + fields
                + "]}");
  }
}
