package org.contactpipeline.health;

import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.registry.WriterReadiness;

/**
 * The {@code schema-registry} readiness check every service reports: ready once the registry of a
 * Confluent-framed deployment holds this build's writer schemas, always ready without a registry.
 */
public final class SchemaRegistryHealth {

  private SchemaRegistryHealth() {}

  public static HealthCheck of(WireFormat wireFormat) {
    return HealthCheck.of(
        "schema-registry",
        () -> {
          WriterReadiness readiness = wireFormat.writerReadiness();
          return readiness.ready()
              ? HealthStatus.up(readiness.detail())
              : HealthStatus.down(readiness.detail());
        });
  }
}
