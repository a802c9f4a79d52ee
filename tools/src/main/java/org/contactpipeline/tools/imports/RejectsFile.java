package org.contactpipeline.tools.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The rows that did not load, as CSV: {@code line,reason}, one per rejected or refused row, in the
 * file's order. A resumed import cuts it back to the length its checkpoint recorded, so each row is
 * listed once however often the import was interrupted.
 */
final class RejectsFile implements Closeable {

  static final String HEADER = "line,reason";

  private final Path path;
  private final FileChannel channel;
  private final BufferedWriter out;
  private long rows;

  private RejectsFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
  }

  /**
   * Opens the reject file: a new one with its header, or, when resuming, the existing one cut back
   * to {@code keptLength} (0 for a new one).
   */
  static RejectsFile open(Path path, long keptLength) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    if (keptLength > 0 && channel.size() >= keptLength) {
      channel.truncate(keptLength);
      channel.position(keptLength);
      return new RejectsFile(path, channel);
    }
    channel.truncate(0);
    RejectsFile file = new RejectsFile(path, channel);
    file.out.write(HEADER);
    file.out.write("\r\n");
    return file;
  }

  Path path() {
    return path;
  }

  /** Rows written by this run. */
  long rows() {
    return rows;
  }

  void write(long line, String reason) {
    try {
      out.write(Long.toString(line));
      out.write(',');
      out.write(quoted(reason));
      out.write("\r\n");
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reject file " + path, e);
    }
  }

  /** Flushes what was written and returns the file's length, for a checkpoint. */
  long flushedLength() {
    try {
      out.flush();
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reject file " + path, e);
    }
  }

  /** A CSV field: always quoted, its quotes doubled. */
  static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
