package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  @ParameterizedTest(name = "bytes [{0}]")
  @ValueSource(
      strings = {
        "",
        "41",
        "7F",
        "C280",
        "DFBF",
        "E0A080",
        "ED9FBF",
        "EE8080",
        "EFBFBF",
        "F0908080",
        "F48FBFBF",
        "F09F9880",
        "EFBBBF41"
      })
  void shouldAcceptEveryWellFormedSequenceUpToU10FFFF(String hex) {
    assertThat(Utf8.firstMalformedByte(HexFormat.of().parseHex(hex))).isEqualTo(Utf8.WELL_FORMED);
  }

  @ParameterizedTest(name = "{0} is bad at byte {1}")
  @CsvSource({
    "C0AF, 0",
    "C1BF, 0",
    "E080AF, 0",
    "F08080AF, 0", // overlong
    "EDA080, 0",
    "EDBFBF, 0", // UTF-16 surrogates
    "F4908080, 0",
    "F5808080, 0",
    "FF, 0",
    "FE, 0", // beyond U+10FFFF, never-valid bytes
    "41E282, 1",
    "41F09F98, 1",
    "4180, 1",
    "41C241, 1"
  }) // truncated, or a continuation without a lead
  void shouldFindTheFirstByteOfASequenceRfc3629Forbids(String hex, int offset) {
    assertThat(Utf8.firstMalformedByte(HexFormat.of().parseHex(hex))).isEqualTo(offset);
  }
}
