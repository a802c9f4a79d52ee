package org.contactpipeline.store;

import java.util.List;

/**
 * Progress of one delete request: which of its items the resolver has decided so far.
 *
 * @param itemCount how many contacts the request named
 * @param items the decided items, in request order
 */
public record DeleteOperation(String operationId, int itemCount, List<Item> items) {

  public DeleteOperation {
    items = List.copyOf(items);
  }

  public boolean isComplete() {
    return items.size() >= itemCount;
  }

  /**
   * One decided item.
   *
   * @param contactKey the retired key; null when the item named an unknown contact
   * @param contactId the retired or requested ID; 0 when the item named an unknown key
   * @param deleted true when a contact was deleted, false when there was no such contact
   */
  public record Item(int itemIndex, String contactKey, long contactId, boolean deleted) {}
}
