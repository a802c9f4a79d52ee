package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

  private static final List<String> COMMAND = List.of("java", "-Xmx64m", "-cp", "x.jar", "Main");

  @TempDir Path dir;

  @Test
  void shouldWriteTheClassArchiveAtExitUntilOneExists() {
    Path archive = dir.resolve("service.jsa");

    assertThat(ChildJvm.withClassArchive(COMMAND, archive))
        .containsExactly(
            "java", "-XX:ArchiveClassesAtExit=" + archive, "-Xmx64m", "-cp", "x.jar", "Main");
  }

  @Test
  void shouldMapTheClassArchiveOnceItExists() throws Exception {
    Path archive = Files.createFile(dir.resolve("service.jsa"));

    assertThat(ChildJvm.withClassArchive(COMMAND, archive))
        .containsExactly(
            "java", "-XX:SharedArchiveFile=" + archive, "-Xmx64m", "-cp", "x.jar", "Main");
  }

  @Test
  void shouldLeaveTheCommandAloneWithoutAnArchive() {
    assertThat(ChildJvm.withClassArchive(COMMAND, null)).isEqualTo(COMMAND);
  }
}
