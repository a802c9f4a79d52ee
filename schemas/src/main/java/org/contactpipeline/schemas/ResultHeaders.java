package org.contactpipeline.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.schemas.avro.CommandAction;

/**
 * The headers the resolver puts on every result: the command's action, and whether the item belongs
 * to an asynchronous job, so that a reader that wants only some results (the delete-operation
 * recorder wants only DELETE, the job item recorder only job items) can pass the others by without
 * decoding them. The value stays the truth; a header is only a filter, and a result without it
 * (written before it existed) must be decoded.
 */
public final class ResultHeaders {

  public static final String ACTION_HEADER = "contact.action";

  /** {@code true} or {@code false}: the result's {@code job} flag. */
  public static final String JOB_HEADER = "contact.job";

  private ResultHeaders() {}

  public static Headers forAction(CommandAction action) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ACTION_HEADER, action.name().getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /** The headers of a result: its command's action and whether it is a job's item. */
  public static Headers forResult(CommandAction action, boolean job) {
    Headers headers = forAction(action);
    headers.add(JOB_HEADER, Boolean.toString(job).getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /**
   * True when the headers say the result is not an item of an asynchronous job; false when it is or
   * they do not say.
   */
  public static boolean isNotJobItem(Headers headers) {
    Header header = headers.lastHeader(JOB_HEADER);
    return header != null && "false".equals(new String(header.value(), StandardCharsets.UTF_8));
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
