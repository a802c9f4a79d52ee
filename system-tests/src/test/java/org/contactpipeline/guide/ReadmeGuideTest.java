package org.contactpipeline.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kafka clients guide (docs/kafka-clients.md) quotes these files whole, and the integration
 * tests run them: a change to either that is not made to the other fails here.
 */
class ReadmeGuideTest {

  @ParameterizedTest
  @CsvSource({
    "java, src/test/java/org/contactpipeline/guide/ChangelogReader.java",
    "java, src/test/java/org/contactpipeline/guide/ResultsReader.java",
    "java, src/test/java/org/contactpipeline/guide/DirectCommandProducer.java",
    "js, src/test/node/confluent-client.js"
  })
  void shouldQuoteTheExampleExactlyAsItIsCompiledAndRun(String language, String file)
      throws IOException {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    String readme =
        Files.readString(
            module.getParent().resolve("docs/kafka-clients.md"), StandardCharsets.UTF_8);
    String example = Files.readString(module.resolve(file), StandardCharsets.UTF_8);

    assertThat(readme)
        .as("docs/kafka-clients.md quotes %s in a ```%s block, unchanged", file, language)
        .contains("```" + language + "\n" + example + "```\n");
  }
}
