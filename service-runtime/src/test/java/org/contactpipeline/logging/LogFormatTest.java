package org.contactpipeline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The services' logback.xml, as shipped: both formats, chosen by LOG_FORMAT. */
class LogFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  void shouldWriteOneJsonObjectPerLineWithServiceRequestAndException() throws Exception {
    String output =
        logWith(
            Map.of("LOG_FORMAT", "json"),
            log -> {
              try (var request = RequestLogContext.open(Optional.of("r-1"), Optional.of("acme"))) {
                log.info("accepted {} commands", 3);
                log.warn("could not publish", new IllegalStateException("broker down"));
              }
              log.info("between requests");
            });

    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line.isObject()).isTrue());
    JsonNode accepted = lines.get(0);
    assertThat(accepted.path("timestamp").isNumber()).isTrue();
    assertThat(accepted.path("level").asText()).isEqualTo("INFO");
    assertThat(accepted.path("loggerName").asText()).isEqualTo("org.contactpipeline.example");
    assertThat(accepted.path("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(accepted.path("formattedMessage").asText()).isEqualTo("accepted 3 commands");
    assertThat(accepted.path("context").path("name").asText()).isEqualTo("ingest-service");
    assertThat(accepted.path("mdc").path("request_id").asText()).isEqualTo("r-1");
    assertThat(accepted.path("mdc").path("tenant").asText()).isEqualTo("acme");

    JsonNode failed = lines.get(1);
    assertThat(failed.path("level").asText()).isEqualTo("WARN");
    assertThat(failed.path("throwable").path("className").asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(failed.path("throwable").path("message").asText()).isEqualTo("broker down");
    assertThat(failed.path("mdc").path("request_id").asText()).isEqualTo("r-1");

    assertThat(lines.get(2).path("mdc").has("request_id")).isFalse();
  }

  @Test
  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  void shouldWritePlainLinesNamingTheRequestOnlyWhenThereIsOne() throws Exception {
    String output =
        logWith(
            Map.of(),
            log -> {
              try (var request = RequestLogContext.open(Optional.of("r-2"), Optional.of("acme"))) {
                log.info("accepted");
              }
              log.info("between requests");
            });

    String[] lines = output.split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .contains("INFO")
        .contains("request_id=r-2")
        .contains("tenant=acme")
        .endsWith("- accepted");
    assertThat(lines[1])
        .doesNotContain("request_id")
        .doesNotContain("{")
        .endsWith("- between requests");
  }

  @Test
  void shouldLeaveLibrariesAtWarnAndTheProjectAtInfo() throws Exception {
    String output =
        logWith(
            Map.of(),
            log -> {
              log.debug("project debug");
              log.info("project info");
            },
            "org.apache.kafka.clients.NetworkClient",
            library -> {
              library.info("library info");
              library.warn("library warn");
            });

    assertThat(output.split("\n"))
        .satisfiesExactly(
            line -> assertThat(line).endsWith("- project info"),
            line -> assertThat(line).endsWith("- library warn"));
  }

  private interface Logging {
    void to(Logger log);
  }

  private static String logWith(Map<String, String> properties, Logging logging)
      throws JoranException, IOException {
    return logWith(properties, logging, "org.contactpipeline.other", log -> {});
  }

  /**
   * What a fresh context configured from logback.xml with {@code properties} (as the environment
   * would set them) writes to stderr while {@code logging} logs to a project logger and {@code
   * other} to {@code otherName}.
   */
  private static String logWith(
      Map<String, String> properties, Logging logging, String otherName, Logging other)
      throws JoranException, IOException {
    LoggerContext context = new LoggerContext();
    context.setName("ingest-service");
    context.setMDCAdapter(MDC.getMDCAdapter());
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      logging.to(context.getLogger("org.contactpipeline.example"));
      other.to(context.getLogger(otherName));
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
