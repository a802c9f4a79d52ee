package org.contactpipeline.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The consequence of KAFKA-14172 made on purpose, to prove a checker would see it: an instance that
 * decides from stale state while Streams believes that state current. KAFKA-14172 got there through
 * a record cache that kept stale entries when a standby task became active; this gets there through
 * the disk: a copy of an instance's RocksDB stores taken at one moment, put back later in place of
 * the stores it has then.
 *
 * <p>A stale copy alone would not do: since KIP-1035 (Kafka 4.x) a store keeps the changelog
 * offsets it holds inside itself, in its {@value #OFFSETS_FAMILY_NAME} column family (Kafka's
 * {@code RocksDBStore.OFFSETS_COLUMN_FAMILY_NAME}), so Streams would see how far behind the copy is
 * and restore what it missed. Kafka 4.4 keeps the same family, and with transactional state stores
 * (the resolver's default) writes it in one batch with the data at each commit, so a copy is still
 * a consistent older store. The forgery therefore also writes the offsets the replaced store had
 * into the copy: its data is old, its bookkeeping claims it is up to date, and Streams restores
 * nothing. Uses RocksDB's own Java API (rocksdbjni, which kafka-streams brings); every store must
 * be closed meanwhile.
 */
final class StaleStoreCopy {

  private static final String OFFSETS_FAMILY_NAME = "offsets";
  private static final byte[] OFFSETS_FAMILY = OFFSETS_FAMILY_NAME.getBytes(StandardCharsets.UTF_8);

  /** Streams keeps each store under {@code <state.dir>/<application.id>/<task>/rocksdb/<store>}. */
  private static final String STORES_DIR = "rocksdb";

  private final Path copy;

  private StaleStoreCopy(Path copy) {
    this.copy = copy;
  }

  /** Copies everything under a closed instance's {@code stateDir} to {@code copyDir}. */
  static StaleStoreCopy of(Path stateDir, Path copyDir) {
    copyTree(stateDir, copyDir);
    return new StaleStoreCopy(copyDir);
  }

  /**
   * Puts every copied store back under {@code stateDir} in place of the store there, with that
   * store's committed offsets; the instance must be closed.
   *
   * @return how many stores now claim offsets beyond those they were copied with: the stores that
   *     miss something the changelog has
   */
  int putBackClaimingCurrent(Path stateDir) {
    int stale = 0;
    for (Path copiedStore : stores(copy)) {
      Path store = stateDir.resolve(copy.relativize(copiedStore));
      if (!Files.isDirectory(store)) {
        continue;
      }
      Map<ByteBuffer, ByteBuffer> current = offsetsOf(store);
      deleteTree(store);
      copyTree(copiedStore, store);
      if (!offsetsOf(store).equals(current)) {
        writeOffsets(store, current);
        stale++;
      }
    }
    return stale;
  }

  private static List<Path> stores(Path stateDir) {
    try (Stream<Path> paths = Files.walk(stateDir)) {
      return paths
          .filter(Files::isDirectory)
          .filter(dir -> dir.getParent() != null)
          .filter(dir -> dir.getParent().getFileName().toString().equals(STORES_DIR))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<ByteBuffer, ByteBuffer> offsetsOf(Path store) {
    return inOffsetsFamily(
        store,
        (db, offsets) -> {
          Map<ByteBuffer, ByteBuffer> entries = new LinkedHashMap<>();
          try (RocksIterator entry = db.newIterator(offsets)) {
            for (entry.seekToFirst(); entry.isValid(); entry.next()) {
              entries.put(ByteBuffer.wrap(entry.key()), ByteBuffer.wrap(entry.value()));
            }
          }
          return entries;
        });
  }

  private static void writeOffsets(Path store, Map<ByteBuffer, ByteBuffer> entries) {
    inOffsetsFamily(
        store,
        (db, offsets) -> {
          for (Map.Entry<ByteBuffer, ByteBuffer> entry : entries.entrySet()) {
            db.put(offsets, entry.getKey().array(), entry.getValue().array());
          }
          // On disk before the store closes, whatever the write-ahead log's fate.
          try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, offsets);
          }
          return null;
        });
  }

  private interface OffsetsWork<T> {
    T apply(RocksDB db, ColumnFamilyHandle offsets) throws RocksDBException;
  }

  private static <T> T inOffsetsFamily(Path store, OffsetsWork<T> work) {
    RocksDB.loadLibrary();
    try (Options listing = new Options();
        DBOptions options = new DBOptions();
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
      List<byte[]> names = RocksDB.listColumnFamilies(listing, store.toString());
      List<ColumnFamilyDescriptor> families = new ArrayList<>();
      int offsetsIndex = -1;
      for (byte[] name : names) {
        if (Arrays.equals(name, OFFSETS_FAMILY)) {
          offsetsIndex = families.size();
        }
        families.add(new ColumnFamilyDescriptor(name, familyOptions));
      }
      if (offsetsIndex < 0) {
        throw new IllegalStateException(
            store
                + " has no '"
                + OFFSETS_FAMILY_NAME
                + "' column family: this Kafka Streams keeps its offsets elsewhere, and the"
                + " forgery must follow them there");
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, store.toString(), families, handles);
      try {
        return work.apply(db, handles.get(offsetsIndex));
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot open the store in " + store, e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path));
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
