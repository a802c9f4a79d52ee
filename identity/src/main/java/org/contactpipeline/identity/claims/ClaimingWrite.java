package org.contactpipeline.identity.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.contactpipeline.identity.Identifier;

/**
 * A write's side of the claims (decision 0012): the identifiers it must claim, in {@link
 * ClaimOrder}, one at a time, and what each grant said about who held it. Pure state: the resolver
 * keeps it in a store while the write is pending and sends the claims it names.
 */
public final class ClaimingWrite {

  private final String writer;
  private final List<Identifier> toClaim;
  private final Map<Identifier, Optional<Long>> granted = new LinkedHashMap<>();

  /** {@code writer} will claim {@code identifiers}; duplicates are claimed once. */
  public ClaimingWrite(String writer, List<Identifier> identifiers) {
    this(writer, identifiers, ClaimOrder.IDENTIFIERS);
  }

  /**
   * In another order than {@link ClaimOrder}: only for the test that shows why every write must
   * claim in the same one.
   */
  ClaimingWrite(String writer, List<Identifier> identifiers, Comparator<Identifier> order) {
    this.writer = writer;
    TreeSet<Identifier> ordered = new TreeSet<>(order);
    ordered.addAll(identifiers);
    this.toClaim = List.copyOf(ordered);
  }

  public String writer() {
    return writer;
  }

  /** The identifiers in the order they are claimed. */
  public List<Identifier> identifiers() {
    return toClaim;
  }

  /** The identifier to claim next; empty once every one is granted. */
  public Optional<Identifier> nextClaim() {
    return granted.size() < toClaim.size()
        ? Optional.of(toClaim.get(granted.size()))
        : Optional.empty();
  }

  /**
   * The grant of the identifier claimed last, with the contact holding it then. A grant of another
   * identifier, or a repeated one, is refused: claims go out one at a time.
   */
  public void granted(Identifier identifier, Optional<Long> holder) {
    Optional<Identifier> expected = nextClaim();
    if (expected.isEmpty() || !expected.get().equals(identifier)) {
      throw new IllegalStateException(
          "write " + writer + " was granted " + identifier + " while it waits for " + expected);
    }
    granted.put(identifier, holder);
  }

  /** Whether every identifier is granted, so the write can be decided. */
  public boolean isReady() {
    return nextClaim().isEmpty();
  }

  /** The contacts holding the write's identifiers when granted, lowest ID first, each once. */
  public List<Long> holders() {
    return new ArrayList<>(
        new TreeSet<>(granted.values().stream().flatMap(Optional::stream).toList()));
  }
}
