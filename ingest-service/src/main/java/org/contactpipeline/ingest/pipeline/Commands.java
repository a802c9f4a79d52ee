package org.contactpipeline.ingest.pipeline;

import java.time.Clock;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * Builds the commands that handlers publish, stamped with the time they are issued; {@code replyTo}
 * is left to {@link CommandGateway}, which knows where this instance listens.
 */
public final class Commands {

  private final Clock clock;

  public Commands(Clock clock) {
    this.clock = clock;
  }

  /** The commands of request {@code requestId}, which has {@code itemCount} items. */
  public Request request(String requestId, int itemCount) {
    return new Request(requestId, itemCount);
  }

  /** The command of a request of one item. */
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

    private Request(String requestId, int itemCount) {
      this.requestId = requestId;
      this.itemCount = itemCount;
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
          .setReplyTo(null)
          .setIssuedAt(clock.instant())
          .setChanges(changes)
          .setClearExternalUrls(false)
          .build();
    }
  }
}
