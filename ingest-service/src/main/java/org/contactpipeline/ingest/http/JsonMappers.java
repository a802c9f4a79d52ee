package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/** The JSON dialect the vendor APIs accept and speak. */
public final class JsonMappers {

  private JsonMappers() {}

  /**
   * Lenient where vendors' own examples are ({@code ContactKeys} in any case, {@code "false"} as a
   * boolean, a trailing comma), strict where leniency would hide mistakes (a string where a list
   * belongs, numbers given as floats).
   */
  public static ObjectMapper vendorJson() {
    return JsonMapper.builder()
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // A number or boolean where text belongs is a mistake, not text: 1e400 would become
        // "Infinity".
        .withCoercionConfig(
            LogicalType.Textual,
            textual ->
                textual
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // "false" stays a boolean, as in the vendor's example; a number or a blank string does not.
        .withCoercionConfig(
            LogicalType.Boolean,
            bool ->
                bool.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .build();
  }
}
