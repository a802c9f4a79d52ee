package org.contactpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a postmaster left behind by a JVM that was killed (SIGKILL, a crashed IDE run): the server
 * is a child process and outlives its parent, holding the cluster and its port, and the next start
 * on the same directory would fail or, worse, talk to the stale server.
 */
final class OrphanPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

  private OrphanPostmaster() {}

  /** Stops the postmaster named in {@code cluster/postmaster.pid} if it is still running. */
  static void stopIfRunning(Path cluster) {
    Optional<ProcessHandle> orphan =
        recordedPid(cluster.resolve("postmaster.pid"))
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(OrphanPostmaster::isPostgres);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle postmaster = orphan.get();
    LOG.warn(
        "PostgreSQL (pid {}) from an earlier run still holds {}; stopping it",
        postmaster.pid(),
        cluster);
    // SIGTERM is PostgreSQL's smart shutdown. Its clients died with the old JVM, so it goes
    // quickly, and it checkpoints, so the next start needs no crash recovery.
    postmaster.destroy();
    try {
      postmaster.onExit().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "PostgreSQL pid "
              + postmaster.pid()
              + " from an earlier run did not stop within "
              + STOP_DEADLINE.toSeconds()
              + " s; stop it, then start again",
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot wait for PostgreSQL pid " + postmaster.pid() + " to stop", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while stopping PostgreSQL pid " + postmaster.pid(), e);
    }
  }

  /** The first line of postmaster.pid is the postmaster's pid; no file means no server. */
  static Optional<Long> recordedPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile, e);
    }
  }

  /**
   * A stale pid file may name a pid the system has since given to an unrelated process; only a
   * postgres executable is ever signalled.
   */
  private static boolean isPostgres(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
        .orElse(false);
  }
}
