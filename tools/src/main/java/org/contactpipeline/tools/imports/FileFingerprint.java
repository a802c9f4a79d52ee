package org.contactpipeline.tools.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one import of one file: a hash of the file's size, its first and last 64 KiB, and the
 * vendor, tenant and format it is imported with. Request ids are built from it, so a re-run of the
 * same import finds its earlier results; reading only the ends keeps it instant on a 2 GB file (a
 * change in the middle that keeps the size is not seen: the state file's offsets guard the rest).
 */
final class FileFingerprint {

  private static final int SAMPLE = 64 * 1024;

  private FileFingerprint() {}

  static String of(Path file, String vendor, String tenant, ImportFormat format)
      throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
      sha.update(sample(channel, 0));
      sha.update(sample(channel, Math.max(0, size - SAMPLE)));
    }
    sha.update((vendor + "\n" + tenant + "\n" + format).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }

  private static ByteBuffer sample(FileChannel channel, long from) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(SAMPLE);
    channel.position(from);
    while (bytes.hasRemaining() && channel.read(bytes) > 0) {
      // until the sample is full or the file ends
    }
    return bytes.flip();
  }
}
