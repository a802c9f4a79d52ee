package org.contactpipeline.tools;

/**
 * Where a record sits on one topic: {@code partition@offset}, the way the admin commands name dead
 * letters and the way replays are recorded.
 */
public record Position(int partition, long offset) implements Comparable<Position> {

  public Position {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must not be negative, was " + partition);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }

  /**
   * Parses {@code partition@offset}, e.g. {@code 0@17}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Position parse(String text) {
    int at = text.indexOf('@');
    if (at < 0 || at != text.lastIndexOf('@')) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a position: expected partition@offset, e.g. 0@17");
    }
    int partition = (int) number(text, text.substring(0, at), "partition", Integer.MAX_VALUE);
    long offset = number(text, text.substring(at + 1), "offset", Long.MAX_VALUE);
    return new Position(partition, offset);
  }

  private static long number(String text, String part, String what, long max) {
    if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a position: its " + what + " is not a whole number");
    }
    try {
      long value = Long.parseLong(part);
      if (value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a position: its " + what + " is too large", e);
    }
  }

  @Override
  public int compareTo(Position other) {
    int byPartition = Integer.compare(partition, other.partition);
    return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
  }

  @Override
  public String toString() {
    return partition + "@" + offset;
  }
}
