package org.contactpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "http.port", "8080",
          "marketing-cloud.max-values", "100",
          "kafka.bootstrap.servers", "localhost:9092");

  @Test
  void shouldUseDefaultsWhenNothingOverridesThem() {
    Settings settings = Settings.layer(DEFAULTS, Map.of());

    assertThat(settings.integer("http.port")).isEqualTo(8080);
  }

  @Test
  void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("ingest.properties");
    Files.writeString(file, "http.port=9000\nmarketing-cloud.max-values=20\n");

    Settings settings =
        Settings.layer(DEFAULTS, Map.of("CONFIG_FILE", file.toString(), "HTTP_PORT", "9100"));

    assertThat(settings.integer("http.port")).isEqualTo(9100);
    assertThat(settings.integer("marketing-cloud.max-values")).isEqualTo(20);
  }

  @Test
  void shouldPassKafkaVariablesThroughAsClientProperties() {
    Settings settings =
        Settings.layer(
            DEFAULTS,
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:29092", "KAFKA_SECURITY_PROTOCOL", "SSL"));

    assertThat(settings.kafkaClientProperties())
        .containsEntry("bootstrap.servers", "broker:29092")
        .containsEntry("security.protocol", "SSL");
  }

  @Test
  void shouldNameTheKeyAndVariableOfAMissingSetting() {
    Settings settings = Settings.layer(DEFAULTS, Map.of());

    assertThatThrownBy(() -> settings.string("database.url"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.url")
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void shouldRejectMalformedNumbersAndBooleansWithTheKey() {
    Settings settings = Settings.layer(Map.of("a", "ten", "b", "yes", "c", "0"), Map.of());

    assertThatThrownBy(() -> settings.integer("a"))
        .hasMessageContaining("'a'")
        .hasMessageContaining("ten");
    assertThatThrownBy(() -> settings.bool("b")).hasMessageContaining("'b'");
    assertThatThrownBy(() -> settings.millis("c")).hasMessageContaining("positive");
  }

  @Test
  void shouldReadDurationsInMilliseconds() {
    assertThat(Settings.of(Map.of("t", "1500")).millis("t")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldReadARenamedSettingUnderItsOldNameUnlessTheNewNameIsSetToo() throws Exception {
    Map<String, String> defaults = Map.of("pipeline.response-timeout-ms", "10000");

    Settings fromOldVariable =
        Settings.layer(defaults, Map.of("ESTABLISH_RESPONSE_TIMEOUT_MS", "3000"));
    Settings fromBoth =
        Settings.layer(
            defaults,
            Map.of(
                "ESTABLISH_RESPONSE_TIMEOUT_MS", "3000", "PIPELINE_RESPONSE_TIMEOUT_MS", "4000"));
    Path file = Files.createTempFile("renamed", ".properties");
    Files.writeString(file, "establish.response-timeout-ms=5000\n");
    Settings fromOldFileKey =
        Settings.layer(defaults, Map.of(Settings.CONFIG_FILE_VARIABLE, file.toString()));

    assertThat(fromOldVariable.integer("pipeline.response-timeout-ms")).isEqualTo(3000);
    assertThat(fromBoth.integer("pipeline.response-timeout-ms")).isEqualTo(4000);
    assertThat(fromOldFileKey.integer("pipeline.response-timeout-ms")).isEqualTo(5000);
    Files.delete(file);
  }
}
