package org.contactpipeline.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version this project has ever written to a topic, loaded from {@code avro-released/}
 * on the classpath. Decoders consult it to resolve records written by older versions; {@code
 * ReleasedSchemasTest} fails when a generated class's schema is not yet recorded here, so no
 * version reaches a topic unrecorded.
 */
public final class ReleasedSchemas {

  static final String INDEX = "avro-released/index.txt";

  private static final List<Schema> ALL = load();
  private static final SchemaStore.Cache STORE = cache(ALL);

  private ReleasedSchemas() {}

  /** A schema store holding every released version. */
  public static SchemaStore store() {
    return STORE;
  }

  /** Every released version, in index order. */
  public static List<Schema> all() {
    return ALL;
  }

  private static SchemaStore.Cache cache(List<Schema> schemas) {
    SchemaStore.Cache cache = new SchemaStore.Cache();
    schemas.forEach(cache::addSchema);
    return cache;
  }

  private static List<Schema> load() {
    List<Schema> schemas = new ArrayList<>();
    for (String path : indexEntries()) {
      try (InputStream in = resource("avro-released/" + path)) {
        schemas.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    return List.copyOf(schemas);
  }

  private static List<String> indexEntries() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(resource(INDEX), StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing classpath resource " + path);
    }
    return in;
  }
}
