package org.contactpipeline.ingest.pipeline;

import java.time.Clock;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * Builds the commands that handlers publish, stamped with the time they are issued and with where
 * their results come back ({@code replyTo}), so {@link CommandGateway} publishes them as they are.
 * One per instance, built beside the gateway with the same {@link ResponseWaiter}'s {@link
 * ResponseWaiter#replyTo}.
 */
public final class Commands {

  private final Clock clock;
  private final String replyTo;

  /**
   * @param replyTo the {@link ResponseWaiter#replyTo} of the instance that waits for the results of
   *     {@link #request}s; null when nobody waits (a test, a direct producer)
   */
  public Commands(Clock clock, String replyTo) {
    this.clock = clock;
    this.replyTo = replyTo;
  }

  /**
   * The commands of request {@code requestId}, which has {@code itemCount} items, addressed for
   * their results to come back here ({@link CommandGateway#submit}).
   */
  public Request request(String requestId, int itemCount) {
    return new Request(requestId, itemCount, replyTo, false);
  }

  /**
   * The commands of a request nobody waits for ({@link CommandGateway#publishOnly}): without {@code
   * replyTo}, so no instance's reply partition receives their results.
   */
  public Request unanswered(String requestId, int itemCount) {
    return new Request(requestId, itemCount, null, false);
  }

  /**
   * The items of asynchronous job {@code jobId} ({@link JobSubmission}): nobody waits for their
   * results here, and each is flagged as the job's, so sink-service records its result for the
   * job's progress, results and callback.
   */
  public Request job(String jobId, int itemCount) {
    return new Request(jobId, itemCount, null, true);
  }

  /** The command of a request of one item, addressed for its result to come back here. */
  public ContactCommand single(
      String requestId, ContactAddress address, CommandAction action, ContactData changes) {
    return request(requestId, 1).item(0, address, action, changes);
  }

  /**
   * One request's items, each numbered by the caller: results are gathered by request and index.
   */
  public final class Request {

    private final String requestId;
    private final int itemCount;
    private final String replyTo;
    private final boolean job;

    private Request(String requestId, int itemCount, String replyTo, boolean job) {
      this.requestId = requestId;
      this.itemCount = itemCount;
      this.replyTo = replyTo;
      this.job = job;
    }

    /** Item {@code index} (from 0) of the request. */
    public ContactCommand item(
        int index, ContactAddress address, CommandAction action, ContactData changes) {
      if (index < 0 || index >= itemCount) {
        throw new IllegalArgumentException("item " + index + " of a request of " + itemCount);
      }
      return ContactCommand.newBuilder()
          .setRequestId(requestId)
          .setItemIndex(index)
          .setItemCount(itemCount)
          .setKey(address.commandKey())
          .setContactId(address.contactId())
          .setAction(action)
          .setReplyTo(replyTo)
          .setIssuedAt(clock.instant())
          .setChanges(changes)
          .setClearExternalUrls(false)
          .setJob(job)
          .build();
    }
  }
}
