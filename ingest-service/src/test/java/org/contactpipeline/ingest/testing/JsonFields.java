package org.contactpipeline.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What the tests read off JSON answers, where the vendors' contracts fix the order of members. */
public final class JsonFields {

  private JsonFields() {}

  /** The member names of an object, in the order the answer gives them. */
  public static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
