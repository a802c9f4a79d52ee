package org.contactpipeline.identity.claims;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One identifier's entry in its task's index (decision 0012): the contact holding it, if any, the
 * write that has claimed it and not yet finished, and the writes waiting for it, first come first
 * served. Writes are named by an id unique among writes in flight (in the resolver, the claiming
 * command's request id).
 *
 * <p>Pure state with no clock and no randomness, so a task that replays the same messages in the
 * same order ends in the same state.
 */
public final class IdentifierLock {

  /** What a claim got: the identifier is the claimant's until it finishes, or it must wait. */
  public sealed interface Claimed permits Granted, Queued {}

  /**
   * The claimant holds the identifier until it finishes; {@code holder} is the contact holding it
   * now, if any.
   */
  public record Granted(String writer, Optional<Long> holder) implements Claimed {}

  /** Another write holds the identifier; the claimant is granted it when that one finishes. */
  public record Queued(String writer, String behind) implements Claimed {}

  private Long holder;
  private String claimedBy;
  private final ArrayDeque<String> waiting = new ArrayDeque<>();

  /** An identifier no contact holds yet, or {@code holder}'s. */
  public IdentifierLock(Long holder) {
    this.holder = holder;
  }

  public Optional<Long> holder() {
    return Optional.ofNullable(holder);
  }

  public Optional<String> claimedBy() {
    return Optional.ofNullable(claimedBy);
  }

  public List<String> waiting() {
    return List.copyOf(waiting);
  }

  /**
   * {@code writer} claims the identifier. A claim repeated by the write that holds or awaits it
   * answers as the first did, so a message delivered twice changes nothing.
   */
  public Claimed claim(String writer) {
    Objects.requireNonNull(writer, "writer");
    if (claimedBy == null) {
      claimedBy = writer;
      return new Granted(writer, holder());
    }
    if (claimedBy.equals(writer)) {
      return new Granted(writer, holder());
    }
    if (!waiting.contains(writer)) {
      waiting.addLast(writer);
    }
    return new Queued(writer, claimedBy);
  }

  /** The write holding the claim finishes and the identifier now belongs to {@code contact}. */
  public Optional<Granted> finishHeldBy(String writer, long contact) {
    return finish(writer, contact);
  }

  /** The write holding the claim finishes without changing who holds the identifier (refused). */
  public Optional<Granted> finishUnchanged(String writer) {
    return finish(writer, holder);
  }

  /** The write holding the claim finishes and the identifier belongs to no contact any more. */
  public Optional<Granted> finishFreed(String writer) {
    return finish(writer, null);
  }

  /**
   * Ends {@code writer}'s claim, leaving the identifier to {@code holderAfter} (null: no one); the
   * next waiting write, if any, is granted it, and its grant is returned for the caller to send.
   */
  private Optional<Granted> finish(String writer, Long holderAfter) {
    if (!writer.equals(claimedBy)) {
      throw new IllegalStateException(
          "write " + writer + " finished an identifier claimed by " + claimedBy);
    }
    holder = holderAfter;
    claimedBy = waiting.pollFirst();
    return claimedBy == null ? Optional.empty() : Optional.of(new Granted(claimedBy, holder()));
  }
}
