package org.contactpipeline.tools.imports;

import java.util.Locale;

/**
 * Well-formed UTF-8 (RFC 3629, table 3-7), checked byte by byte: Java's own decoding would turn a
 * bad byte into U+FFFD silently, and two different keys into one.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * Why {@code bytes[from, to)} is not well-formed UTF-8 ({@code invalid UTF-8 at byte 12 of the
   * row (0xC3)}), or null when it is.
   */
  static String problemWith(byte[] bytes, int from, int to) {
    int at = firstMalformed(bytes, from, to);
    return at < 0
        ? null
        : "invalid UTF-8 at byte " + (at - from + 1) + " of the row " + shown(bytes[at]);
  }

  /** {@code (0xFC); the file must be UTF-8}. */
  static String shown(byte b) {
    return "(0x" + String.format(Locale.ROOT, "%02X", b & 0xFF) + "); the file must be UTF-8";
  }

  /** The offset of the first byte that starts no well-formed sequence, or -1. */
  static int firstMalformed(byte[] bytes, int from, int to) {
    int at = from;
    while (at < to) {
      if (bytes[at] >= 0) {
        at++;
        continue;
      }
      int length = sequenceLength(bytes, at, to);
      if (length == 0) {
        return at;
      }
      at += length;
    }
    return -1;
  }

  /** Whether every byte is ASCII, so that any charset reads the same text. */
  static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static int sequenceLength(byte[] b, int at, int to) {
    int first = b[at] & 0xFF;
    if (first >= 0xC2 && first <= 0xDF) {
      return continuation(b, at + 1, to, 0x80, 0xBF) ? 2 : 0;
    }
    if (first >= 0xE0 && first <= 0xEF) {
      int low = first == 0xE0 ? 0xA0 : 0x80;
      int high = first == 0xED ? 0x9F : 0xBF;
      return continuation(b, at + 1, to, low, high) && continuation(b, at + 2, to, 0x80, 0xBF)
          ? 3
          : 0;
    }
    if (first >= 0xF0 && first <= 0xF4) {
      int low = first == 0xF0 ? 0x90 : 0x80;
      int high = first == 0xF4 ? 0x8F : 0xBF;
      return continuation(b, at + 1, to, low, high)
              && continuation(b, at + 2, to, 0x80, 0xBF)
              && continuation(b, at + 3, to, 0x80, 0xBF)
          ? 4
          : 0;
    }
    return 0;
  }

  private static boolean continuation(byte[] b, int at, int to, int low, int high) {
    if (at >= to) {
      return false;
    }
    int value = b[at] & 0xFF;
    return value >= low && value <= high;
  }
}
