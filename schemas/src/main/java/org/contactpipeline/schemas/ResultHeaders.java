package org.contactpipeline.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.schemas.avro.CommandAction;

/**
 * The header the resolver puts on every result: the command's action, so that a reader that wants
 * only some actions (the delete-operation recorder wants only DELETE) can pass the others by
 * without decoding them. The value stays the truth; the header is only a filter, and a result
 * without it (written before it existed) must be decoded.
 */
public final class ResultHeaders {

  public static final String ACTION_HEADER = "contact.action";

  private ResultHeaders() {}

  public static Headers forAction(CommandAction action) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ACTION_HEADER, action.name().getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /**
   * True when the headers say the result is of another action than {@code action}; false when they
   * do not say.
   */
  public static boolean isOtherAction(Headers headers, CommandAction action) {
    Header header = headers.lastHeader(ACTION_HEADER);
    return header != null
        && !action.name().equals(new String(header.value(), StandardCharsets.UTF_8));
  }
}
