package org.contactpipeline.ingest.http;

import java.util.HashMap;
import java.util.Map;
import org.contactpipeline.config.ConfigException;

/**
 * When ingest throttles, read once at start.
 *
 * @param maxInFlight most API requests admitted and not yet answered; 0 for no cap
 * @param defaultRatePerSecond each tenant's request rate unless {@code tenantRates} names it; 0 for
 *     none
 * @param tenantRates per-tenant rates, e.g. from {@code demo=50,acme=10}
 * @param retryAfterSeconds what {@code Retry-After} tells a throttled caller
 */
public record BackpressureLimits(
    int maxInFlight,
    int defaultRatePerSecond,
    Map<String, Integer> tenantRates,
    int retryAfterSeconds) {

  public static final BackpressureLimits UNLIMITED = new BackpressureLimits(0, 0, Map.of(), 1);

  public BackpressureLimits {
    tenantRates = Map.copyOf(tenantRates);
  }

  public int ratePerSecond(String tenant) {
    return tenantRates.getOrDefault(tenant, defaultRatePerSecond);
  }

  /** Parses {@code tenant=rate,tenant=rate}; {@code key} names the setting in errors. */
  public static Map<String, Integer> parseRates(String key, String text) {
    Map<String, Integer> rates = new HashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      try {
        int rate = Integer.parseInt(parts.length == 2 ? parts[1].strip() : "");
        if (rate < 0 || parts[0].isBlank()) {
          throw new NumberFormatException();
        }
        rates.put(parts[0].strip(), rate);
      } catch (NumberFormatException e) {
        throw new ConfigException(
            key,
            "must be tenant=requests-per-second pairs separated by commas, was '" + text + "'");
      }
    }
    return rates;
  }
}
