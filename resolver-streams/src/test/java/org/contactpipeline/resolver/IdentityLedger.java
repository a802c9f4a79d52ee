package org.contactpipeline.resolver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The identities the resolver handed out, as an auditor reads them back from its outputs ({@code
 * contact.results} and the golden records on {@code contact.changelog}), judged against invariants
 * 1 to 3: every accepted command has exactly one result, no contact ID belongs to two keys, no key
 * has two IDs. Results and golden records count alike, so an ID a result announced and the
 * changelog recorded for another key is caught too.
 *
 * <p>Commands are counted by request ID: the broker tests publish one item per request.
 */
final class IdentityLedger {

  /** The ID of a result that names no contact (NOT_FOUND, or REJECTED before creation). */
  private static final long NO_CONTACT = 0;

  enum Kind {
    /** An accepted command without a result: invariant 3. */
    MISSING_RESULT,
    /** A command with more than one result: invariant 3. */
    REPEATED_RESULT,
    /** One contact ID given to two keys: invariant 2. */
    ID_ON_SEVERAL_KEYS,
    /** One key given two contact IDs: invariant 1. */
    KEY_WITH_SEVERAL_IDS
  }

  record Violation(Kind kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  private final Map<String, Integer> resultsByRequest = new HashMap<>();
  private final Map<ContactKey, Set<Long>> idsByKey = new HashMap<>();
  private final Map<Long, Set<ContactKey>> keysById = new HashMap<>();

  void recordResult(ContactResult result) {
    resultsByRequest.merge(result.getRequestId(), 1, Integer::sum);
    recordIdentity(result.getKey(), result.getContactId());
  }

  /** A golden record; a tombstone ({@code null}, a deleted contact) says nothing about IDs. */
  void recordGoldenRecord(ContactRecord golden) {
    if (golden != null) {
      recordIdentity(golden.getKey(), golden.getContactId());
    }
  }

  /** The requests among {@code requestIds} that have no result yet. */
  Set<String> unanswered(Collection<String> requestIds) {
    Set<String> unanswered = new LinkedHashSet<>();
    for (String requestId : requestIds) {
      if (!resultsByRequest.containsKey(requestId)) {
        unanswered.add(requestId);
      }
    }
    return unanswered;
  }

  /**
   * Every breach of the invariants in what was recorded, given the commands the broker accepted.
   */
  List<Violation> violations(Collection<String> accepted) {
    List<Violation> found = new ArrayList<>();
    for (String requestId : new TreeSet<>(accepted)) {
      int results = resultsByRequest.getOrDefault(requestId, 0);
      if (results == 0) {
        found.add(new Violation(Kind.MISSING_RESULT, requestId));
      } else if (results > 1) {
        found.add(new Violation(Kind.REPEATED_RESULT, requestId + " has " + results + " results"));
      }
    }
    keysById.entrySet().stream()
        .filter(entry -> entry.getValue().size() > 1)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry ->
                found.add(
                    new Violation(
                        Kind.ID_ON_SEVERAL_KEYS,
                        "ID " + entry.getKey() + " was given to " + describe(entry.getValue()))));
    idsByKey.entrySet().stream()
        .filter(entry -> entry.getValue().size() > 1)
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(ContactKey::toString)))
        .forEach(
            entry ->
                found.add(
                    new Violation(
                        Kind.KEY_WITH_SEVERAL_IDS,
                        entry.getKey().getContactKey()
                            + " was given IDs "
                            + new TreeSet<>(entry.getValue()))));
    return found;
  }

  private void recordIdentity(ContactKey key, long contactId) {
    if (contactId == NO_CONTACT) {
      return;
    }
    idsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(contactId);
    keysById.computeIfAbsent(contactId, id -> new LinkedHashSet<>()).add(key);
  }

  private static String describe(Set<ContactKey> keys) {
    return keys.stream().map(ContactKey::getContactKey).sorted().toList().toString();
  }
}
