package org.contactpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.PendingResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReleasedSchemasTest {

  static List<Schema> currentSchemas() {
    return List.of(
        ContactKey.getClassSchema(),
        ContactCommand.getClassSchema(),
        ContactResult.getClassSchema(),
        ContactRecord.getClassSchema(),
        ContactResponse.getClassSchema(),
        PendingResponse.getClassSchema(),
        ContactJob.getClassSchema(),
        ContactJobResult.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void shouldHaveRecordedEveryCurrentSchemaAsReleased(Schema current) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(current);

    assertThat(ReleasedSchemas.store().findByFingerprint(fingerprint))
        .as(
            "%s changed: add it as a new version under schemas/src/main/resources/avro-released/%s/ "
                + "and list it in index.txt:%n%s",
            current.getFullName(), current.getName(), current.toString(true))
        .isNotNull();
  }

  @Test
  void shouldNeverChangeTheContactKeySchemaBecauseItKeysTheCompactedChangelog() {
    // Changing ContactKey changes the bytes of every changelog key: compaction would then keep
    // two golden records per contact, and the owner partition of every key would move.
    assertThat(SchemaNormalization.parsingFingerprint64(ContactKey.getClassSchema()))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(ReleasedSchemas.all().get(0)));
    assertThat(ReleasedSchemas.all().get(0).getFullName())
        .isEqualTo(ContactKey.getClassSchema().getFullName());
  }
}
