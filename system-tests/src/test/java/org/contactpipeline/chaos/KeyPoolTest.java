package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyPoolTest {

  @Test
  void shouldGiveDistinctKeysWithinOneRequest() {
    KeyPool keys = new KeyPool("r1", 0.9, new Random(1));
    keys.next(3);

    for (int i = 0; i < 500; i++) {
      assertThat(keys.next(3)).doesNotHaveDuplicates().hasSize(3);
    }
  }

  @Test
  void shouldPrefixEveryKeyWithTheRunSoItsRowsCanBeFound() {
    KeyPool keys = new KeyPool("r1", KeyPool.REPEAT_SHARE, new Random(2));

    assertThat(keys.next(3)).allSatisfy(key -> assertThat(key).startsWith("chaos-r1-"));
  }

  @Test
  void shouldRepeatNoKeyWhenTheShareIsZero() {
    KeyPool keys = new KeyPool("r1", 0, new Random(3));
    List<String> drawn = new ArrayList<>();

    for (int i = 0; i < 100; i++) {
      drawn.addAll(keys.next(1));
    }

    assertThat(drawn).doesNotHaveDuplicates();
    assertThat(keys.all()).hasSize(100);
  }

  @Test
  void shouldRepeatAboutTheShareOfTheKeysAskedFor() {
    KeyPool keys = new KeyPool("r1", KeyPool.REPEAT_SHARE, new Random(4));
    int draws = 20_000;

    for (int i = 0; i < draws; i++) {
      keys.next(1);
    }

    double repeated = 1 - keys.all().size() / (double) draws;
    assertThat(repeated).isBetween(0.28, 0.32);
  }

  @Test
  void shouldRememberEveryKeyItGave() {
    KeyPool keys = new KeyPool("r1", KeyPool.REPEAT_SHARE, new Random(5));
    List<String> drawn = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      drawn.addAll(keys.next(2));
    }

    assertThat(keys.all()).containsExactlyInAnyOrderElementsOf(new HashSet<>(drawn));
  }
}
