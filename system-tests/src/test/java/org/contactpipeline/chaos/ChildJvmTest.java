package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChildJvmTest {

  private static final List<String> COMMAND = List.of("java", "-Xmx64m", "-cp", "x.jar", "Main");

  @TempDir Path dir;

  /**
   * A child's main: runs until killed. It waits on a latch nobody counts down; the bound only ends
   * a child the test failed to kill.
   */
  static final class RunsUntilKilled {
    public static void main(String[] args) throws InterruptedException {
      new CountDownLatch(1).await(2, TimeUnit.MINUTES);
    }
  }

  /** A child's main: exits by itself at once, as a service that gave up would. */
  static final class ExitsByItself {
    public static void main(String[] args) {
      System.exit(3);
    }
  }

  @Test
  void shouldRecordAnExitItDidNotCauseEvenWhenAFaultRestartsTheProcessAfterwards()
      throws Exception {
    ChildJvm child = child(ExitsByItself.class);
    child.start();
    assertThat(Poll.holdsWithin(Duration.ofSeconds(30), () -> !child.isAlive())).isTrue();

    // What a later fault of its lane does: SIGKILL and start again, as a supervisor would.
    child.kill();
    child.start();
    assertThat(Poll.holdsWithin(Duration.ofSeconds(30), () -> !child.isAlive())).isTrue();

    assertThat(child.exitsByItself()).containsExactly(3, 3);
    assertThat(child.exitsByItself()).as("each exit recorded once").hasSize(2);
  }

  @Test
  void shouldNotCountItsOwnKillsOrCleanStopsAsExits() throws Exception {
    ChildJvm child = child(RunsUntilKilled.class);
    child.start();
    child.kill();
    child.start();
    child.stop();
    child.start();
    child.kill();

    assertThat(child.exitsByItself()).isEmpty();
    assertThat(child.starts()).isEqualTo(3);
  }

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

  private ChildJvm child(Class<?> main) throws Exception {
    return new ChildJvm(
        main.getSimpleName(),
        System.getProperty("java.class.path"),
        ChildJvm.Tuning.sharedCores("32m"),
        main.getName(),
        List.of(),
        Map.of(),
        Files.createFile(dir.resolve(main.getSimpleName() + ".log")));
  }
}
