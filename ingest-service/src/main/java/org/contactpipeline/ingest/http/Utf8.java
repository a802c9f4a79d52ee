package org.contactpipeline.ingest.http;

/**
 * Well-formed UTF-8 as RFC 3629 defines it (its table 3-7 of byte sequences), checked byte by byte.
 * Java's lenient decoding turns anything else into U+FFFD and Jackson's own decoder accepts some of
 * it (overlong forms, encoded surrogates), so two different byte strings could read as one key; the
 * body boundary and the URI check refuse them instead, with the offset of the first bad byte.
 */
final class Utf8 {

  /** The result for bytes that are all well-formed. */
  static final int WELL_FORMED = -1;

  private Utf8() {}

  /** The offset of the first byte that starts no well-formed sequence, or {@link #WELL_FORMED}. */
  static int firstMalformedByte(byte[] bytes) {
    int at = 0;
    while (at < bytes.length) {
      int length = sequenceLength(bytes, at);
      if (length == 0) {
        return at;
      }
      at += length;
    }
    return WELL_FORMED;
  }

  /** The length of the well-formed sequence at {@code at}, or 0 if there is none. */
  private static int sequenceLength(byte[] bytes, int at) {
    int lead = bytes[at] & 0xFF;
    if (lead <= 0x7F) {
      return 1;
    }
    // The second byte's range depends on the lead: that is what rules out overlong forms
    // (E0 80..9F, F0 80..8F), UTF-16 surrogates (ED A0..BF) and code points over U+10FFFF (F4
    // 90..).
    int low = 0x80;
    int high = 0xBF;
    int length;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0; // a continuation byte without a lead, C0/C1 (always overlong) or F5..FF
    }
    if (at + length > bytes.length) {
      return 0;
    }
    int second = bytes[at + 1] & 0xFF;
    if (second < low || second > high) {
      return 0;
    }
    for (int i = 2; i < length; i++) {
      int next = bytes[at + i] & 0xFF;
      if (next < 0x80 || next > 0xBF) {
        return 0;
      }
    }
    return length;
  }
}
