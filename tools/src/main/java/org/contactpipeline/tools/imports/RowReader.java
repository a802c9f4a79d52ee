package org.contactpipeline.tools.imports;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams the rows of an import file through one fixed buffer, so that the heap stays flat whatever
 * the file's size; counts lines and tracks the byte offset of every row, which is where a later run
 * resumes. A row is kept in memory up to {@code maxRowBytes}; past that it is only scanned to its
 * end and reported as too long, so one enormous line cannot exhaust the heap.
 */
abstract class RowReader implements Closeable {

  private static final int BUFFER_BYTES = 1 << 20;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private final byte[] bytes = buffer.array();
  private int pos;
  private int limit;
  private long bufferStart;
  private volatile long bytesRead;

  /** The line the next byte is on. */
  long line = 1;

  /** The number of the last row read. */
  long rowNumber;

  final int maxRowBytes;
  final RowBytes rowBytes;
  final Row row = new Row();

  RowReader(Path file, int maxRowBytes) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.maxRowBytes = maxRowBytes;
    this.rowBytes = new RowBytes(maxRowBytes);
    skipByteOrderMark();
  }

  /** The next row, or null at the end of the file. The same {@link Row} is filled every time. */
  abstract Row next() throws IOException;

  /** Continues at the start of a row a previous run reached: its offset, line and number. */
  void resumeAt(long offset, long atLine, long rowsBefore) throws IOException {
    if (offset > channel.size()) {
      throw new ImportRefused(
          "the import state says the file has at least "
              + offset
              + " bytes, but it has "
              + channel.size()
              + ": the file changed since (delete the state file, or give --fresh, to import it"
              + " again from the start)");
    }
    if (offset > 0 && offset < channel.size()) {
      channel.position(offset - 1);
      ByteBuffer previous = ByteBuffer.allocate(1);
      if (channel.read(previous) != 1 || previous.get(0) != '\n') {
        throw new ImportRefused(
            "the import state says a row starts at byte "
                + offset
                + ", but none does: the file changed since (delete the state file, or give"
                + " --fresh, to import it again from the start)");
      }
    }
    channel.position(offset);
    bufferStart = offset;
    pos = 0;
    limit = 0;
    line = atLine;
    rowNumber = rowsBefore;
    bytesRead = offset;
  }

  /** Bytes of the file read so far, for the progress display (any thread). */
  long bytesRead() {
    return bytesRead;
  }

  /** The offset of the next byte. */
  final long position() {
    return bufferStart + pos;
  }

  /** The next byte (0 to 255), or -1 at the end of the file. */
  final int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return bytes[pos++] & 0xFF;
  }

  /** The next byte without consuming it, or -1 at the end of the file. */
  final int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return bytes[pos] & 0xFF;
  }

  /** Records that a row ended here, for the progress display. */
  final void rowEnded() {
    bytesRead = position();
  }

  private boolean fill() throws IOException {
    bufferStart += limit;
    pos = 0;
    limit = 0;
    buffer.clear();
    int read;
    do {
      read = channel.read(buffer);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    limit = read;
    return true;
  }

  private void skipByteOrderMark() throws IOException {
    for (byte b : BOM) {
      if (peek() != (b & 0xFF)) {
        return;
      }
      read();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The bytes of the row being read, up to the limit; past it only their count. */
  static final class RowBytes {

    private final int max;
    byte[] data;
    int length;
    boolean overflowed;

    RowBytes(int max) {
      this.max = max;
      this.data = new byte[Math.min(4096, max)];
    }

    void reset() {
      length = 0;
      overflowed = false;
    }

    void append(int b) {
      if (length >= max) {
        overflowed = true;
        return;
      }
      if (length == data.length) {
        data = Arrays.copyOf(data, (int) Math.min((long) data.length * 2, max));
      }
      data[length++] = (byte) b;
    }
  }
}
