package org.contactpipeline.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flat, immutable key/value settings, layered as defaults, then an optional properties file, then
 * environment variables. A key such as {@code http.port} is overridden by the variable {@code
 * HTTP_PORT}; any variable {@code KAFKA_X_Y} becomes {@code kafka.x.y}, so every Kafka client
 * setting can be passed through without code (docker-compose configures services this way).
 * Services turn these into their own typed config records and never read raw keys later.
 */
public final class Settings {

  /** Environment variable naming an optional properties file. */
  public static final String CONFIG_FILE_VARIABLE = "CONFIG_FILE";

  private static final String KAFKA_PREFIX = "kafka.";
  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Defaults, then the file named by {@code CONFIG_FILE} (if any), then the process environment.
   */
  public static Settings load(Map<String, String> defaults) {
    return layer(defaults, System.getenv());
  }

  /** The same layering over an explicit environment, for tests and embedding. */
  public static Settings layer(Map<String, String> defaults, Map<String, String> environment) {
    Map<String, String> merged = new TreeMap<>(defaults);
    String file = environment.get(CONFIG_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      merged.putAll(underCurrentNames(readProperties(Path.of(file)), "in " + file));
    }
    Map<String, String> known = new TreeMap<>(merged);
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (name.startsWith("KAFKA_")) {
        merged.put(
            KAFKA_PREFIX
                + name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
            variable.getValue());
      }
    }
    for (String key : known.keySet()) {
      String override = environment.get(environmentName(key));
      if (override != null) {
        merged.put(key, override);
      }
    }
    RenamedSettings.RENAMED.forEach(
        (oldKey, newKey) -> {
          String old = environment.get(environmentName(oldKey));
          if (old != null && !environment.containsKey(environmentName(newKey))) {
            warnRenamed(environmentName(oldKey), environmentName(newKey));
            merged.put(newKey, old);
          }
        });
    return new Settings(merged);
  }

  /**
   * A file's keys with renamed ones under their new names, unless the file gives the new name too.
   */
  private static Map<String, String> underCurrentNames(Map<String, String> file, String where) {
    Map<String, String> current = new TreeMap<>(file);
    RenamedSettings.RENAMED.forEach(
        (oldKey, newKey) -> {
          String old = current.remove(oldKey);
          if (old != null && !current.containsKey(newKey)) {
            warnRenamed(oldKey + " " + where, newKey);
            current.put(newKey, old);
          }
        });
    return current;
  }

  private static void warnRenamed(String old, String current) {
    LOG.warn("{} is deprecated: it was renamed {}", old, current);
  }

  /** Settings made of exactly these values, with no layering. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** These settings with some keys replaced, e.g. by an embedding stack. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  /**
   * The environment variable that overrides {@code key}: upper case, dots and dashes as
   * underscores.
   */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new ConfigException(
          key, "is required but not set (environment variable " + environmentName(key) + ")");
    }
    return value.strip();
  }

  public String string(String key, String fallback) {
    String value = values.get(key);
    return value == null ? fallback : value.strip();
  }

  public int integer(String key) {
    String value = string(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, was '" + value + "'");
    }
  }

  public int positiveInteger(String key) {
    int value = integer(key);
    if (value <= 0) {
      throw new ConfigException(key, "must be positive, was " + value);
    }
    return value;
  }

  /** A duration in milliseconds. */
  public Duration millis(String key) {
    return Duration.ofMillis(positiveInteger(key));
  }

  public boolean bool(String key) {
    return parseBool(key, string(key));
  }

  public boolean bool(String key, boolean fallback) {
    String value = values.get(key);
    return value == null ? fallback : parseBool(key, value.strip());
  }

  private static boolean parseBool(String key, String setting) {
    String value = setting.toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, "must be true or false, was '" + value + "'");
    };
  }

  /** Every {@code kafka.*} setting with the prefix removed: the properties of a Kafka client. */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, Object> client = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(KAFKA_PREFIX)) {
            client.put(key.substring(KAFKA_PREFIX.length()), value.strip());
          }
        });
    return client;
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file, e);
    }
    Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }
}
