package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.sink.SinkConfig;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throughput benchmark's sink comparison on a small set, on the local stack: the sink's
 * materializer and Debezium's JDBC sink in a Kafka Connect worker each write every record, and the
 * two tables hold the same rows column for column ({@link SinkWriteRates} fails otherwise).
 */
class SinkWriteRatesIT {

  @Test
  void shouldMeasureBothSinksWritingTheSameRows(@TempDir Path dataDir) throws Exception {
    try (LocalStack stack = LocalStack.start(BenchStackConfig.in(dataDir))) {
      DatabaseConfig database = DatabaseConfig.from(stack.services());
      SinkWriteRates rates =
          new SinkWriteRates(
              stack.bootstrapServers(),
              SinkConfig.from(stack.services()),
              database,
              database.dataSource(),
              dataDir);

      SinkWriteRates.Result result = rates.measure("it", 500, 3_000);

      assertThat(result.sinkRowsPerSecond()).isPositive();
      assertThat(result.debeziumRowsPerSecond()).isPositive();
    }
  }
}
