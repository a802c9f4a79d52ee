package org.contactpipeline.identity.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.contactpipeline.identity.Identifier;
import org.contactpipeline.identity.IdentifierType;
import org.junit.jupiter.api.Test;

/**
 * Decision 0012's claims, run on a model of the resolver's tasks: one inbox per partition, each
 * read in order, and the tasks taking turns at random, as instances interleave. Many writes of new
 * keys share identifiers drawn from a small pool. Every run must end with every write decided, no
 * claim left open, and one contact per group of writes linked by shared identifiers, and only one.
 * The same model with each write claiming in an order of its own deadlocks, which shows that the
 * check can fail and why the order is one for all.
 */
class ClaimProtocolSimulationTest {

  private static final int PARTITIONS = 4;
  private static final int RUNS = 300;
  private static final int WRITES = 40;
  private static final int MAX_STEPS = 1_000_000;

  @Test
  void shouldDecideEveryWriteIntoOneContactPerGroupOfSharedIdentifiers() {
    int queued = 0;
    int merges = 0;
    for (int seed = 0; seed < RUNS; seed++) {
      Cluster cluster = new Cluster(new Random(seed), write -> ClaimOrder.IDENTIFIERS);
      cluster.runRandomWrites();
      queued += cluster.queued;
      merges += cluster.merges;

      assertThat(cluster.undecided()).as("writes never decided, seed %d", seed).isEmpty();
      assertThat(cluster.openClaims()).as("claims left open, seed %d", seed).isEmpty();
      assertThat(cluster.groupsWithSeveralContacts())
          .as("groups of writes sharing identifiers split, seed %d", seed)
          .isEmpty();
      assertThat(cluster.contactsSharedByGroups())
          .as("contacts merging unrelated writes, seed %d", seed)
          .isEmpty();
      assertThat(cluster.identifiersHeldOutsideTheirGroup())
          .as("identifiers held by another group's contact, seed %d", seed)
          .isEmpty();
    }
    assertThat(queued).as("claims that had to wait (the races the runs made)").isPositive();
    assertThat(merges).as("merges of contacts created apart").isPositive();
  }

  @Test
  void shouldDeadlockWhenEachWriteClaimsInAnOrderOfItsOwn() {
    int deadlocked = 0;
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      Cluster cluster = new Cluster(random, write -> shuffledOrder(random));
      cluster.runRandomWrites();
      if (!cluster.undecided().isEmpty()) {
        deadlocked++;
      }
    }
    assertThat(deadlocked).as("runs that deadlocked of %d", RUNS).isPositive();
  }

  private static Comparator<Identifier> shuffledOrder(Random random) {
    Map<Identifier, Integer> rank = new HashMap<>();
    return Comparator.comparing(
            (Identifier identifier) -> rank.computeIfAbsent(identifier, i -> random.nextInt()))
        .thenComparing(ClaimOrder.IDENTIFIERS);
  }

  /** A message between tasks, to the partition that owns its subject. */
  private sealed interface Message permits Claim, Grant, Finish, MergeInto {}

  private record Claim(Identifier identifier, String writer) implements Message {}

  private record Grant(String writer, Identifier identifier, Optional<Long> holder)
      implements Message {}

  private record Finish(Identifier identifier, String writer, long contact) implements Message {}

  private record MergeInto(long merged, long survivor) implements Message {}

  /** The resolver's tasks as the protocol sees them. */
  private static final class Cluster {

    private final Random random;
    private final Function<String, Comparator<Identifier>> orderOf;
    private final List<ArrayDeque<Message>> inboxes = new ArrayList<>();
    private final Map<Identifier, IdentifierLock> locks = new HashMap<>();
    private final Map<String, ClaimingWrite> writes = new HashMap<>();
    private final Map<String, Integer> writerPartition = new HashMap<>();
    private final Map<String, Long> decided = new HashMap<>();
    private final Map<Long, Long> mergedInto = new HashMap<>();
    private long nextContactId = 1;
    int queued;
    int merges;

    Cluster(Random random, Function<String, Comparator<Identifier>> orderOf) {
      this.random = random;
      this.orderOf = orderOf;
      IntStream.range(0, PARTITIONS).forEach(p -> inboxes.add(new ArrayDeque<>()));
    }

    /** {@value #WRITES} writes of new keys, each with 1 to 3 identifiers of a pool of 12. */
    void runRandomWrites() {
      List<Identifier> pool = new ArrayList<>();
      for (IdentifierType type :
          List.of(IdentifierType.EMAIL, IdentifierType.PHONE, IdentifierType.USER_ID)) {
        IntStream.range(0, 4).forEach(i -> pool.add(new Identifier(type, type.name() + i)));
      }
      for (int w = 0; w < WRITES; w++) {
        List<Identifier> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, random);
        start("w" + w, shuffled.subList(0, 1 + random.nextInt(3)));
        if (random.nextInt(3) == 0) {
          step();
        }
      }
      for (int steps = 0; steps < MAX_STEPS && step(); steps++) {
        // each step delivers one message
      }
    }

    private void start(String writer, List<Identifier> identifiers) {
      ClaimingWrite write = new ClaimingWrite(writer, identifiers, orderOf.apply(writer));
      writes.put(writer, write);
      writerPartition.put(writer, random.nextInt(PARTITIONS));
      Identifier first = write.nextClaim().orElseThrow();
      send(partitionOf(first), new Claim(first, writer));
    }

    /** One task, chosen at random, handles the next message of its inbox; false when none. */
    private boolean step() {
      List<Integer> busy =
          IntStream.range(0, PARTITIONS).filter(p -> !inboxes.get(p).isEmpty()).boxed().toList();
      if (busy.isEmpty()) {
        return false;
      }
      handle(inboxes.get(busy.get(random.nextInt(busy.size()))).pollFirst());
      return true;
    }

    private void handle(Message message) {
      if (message instanceof Claim claim) {
        IdentifierLock lock =
            locks.computeIfAbsent(claim.identifier(), i -> new IdentifierLock(null));
        if (lock.claim(claim.writer()) instanceof IdentifierLock.Granted granted) {
          grant(claim.identifier(), granted);
        } else {
          queued++;
        }
      } else if (message instanceof Grant grant) {
        ClaimingWrite write = writes.get(grant.writer());
        write.granted(grant.identifier(), grant.holder());
        Optional<Identifier> next = write.nextClaim();
        if (next.isPresent()) {
          send(partitionOf(next.get()), new Claim(next.get(), grant.writer()));
        } else {
          decide(write);
        }
      } else if (message instanceof Finish finish) {
        locks
            .get(finish.identifier())
            .finishHeldBy(finish.writer(), finish.contact())
            .ifPresent(next -> grant(finish.identifier(), next));
      } else if (message instanceof MergeInto merge) {
        Long current = mergedInto.get(merge.merged());
        if (current == null) {
          mergedInto.put(merge.merged(), merge.survivor());
        } else if (current != merge.survivor()) {
          long survivor = Math.min(current, merge.survivor());
          long merged = Math.max(current, merge.survivor());
          send(partitionOf(merged), new MergeInto(merged, survivor));
        }
      }
    }

    /** Every identifier granted: a new contact, that one, or the lowest of several merged. */
    private void decide(ClaimingWrite write) {
      List<Long> holders = write.holders();
      long contact = holders.isEmpty() ? nextContactId++ : holders.get(0);
      decided.put(write.writer(), contact);
      merges += Math.max(0, holders.size() - 1);
      holders.stream()
          .skip(1)
          .forEach(merged -> send(partitionOf(merged), new MergeInto(merged, contact)));
      write
          .identifiers()
          .forEach(i -> send(partitionOf(i), new Finish(i, write.writer(), contact)));
    }

    private void grant(Identifier identifier, IdentifierLock.Granted granted) {
      send(
          writerPartition.get(granted.writer()),
          new Grant(granted.writer(), identifier, granted.holder()));
    }

    private void send(int partition, Message message) {
      inboxes.get(partition).addLast(message);
    }

    private static int partitionOf(Identifier identifier) {
      return Math.floorMod(
          identifier.type().ordinal() * 31 + identifier.value().hashCode(), PARTITIONS);
    }

    private static int partitionOf(long contact) {
      return (int) Math.floorMod(contact, (long) PARTITIONS);
    }

    /** The live contact {@code contact} was merged into; a cycle of merges fails the test. */
    private long resolve(long contact) {
      long current = contact;
      for (int hops = 0; mergedInto.containsKey(current); hops++) {
        if (hops > mergedInto.size()) {
          throw new AssertionError("contact " + contact + " is merged in a cycle: " + mergedInto);
        }
        current = mergedInto.get(current);
      }
      return current;
    }

    List<String> undecided() {
      return writes.keySet().stream().filter(w -> !decided.containsKey(w)).sorted().toList();
    }

    List<Identifier> openClaims() {
      return locks.entrySet().stream()
          .filter(e -> e.getValue().claimedBy().isPresent() || !e.getValue().waiting().isEmpty())
          .map(Map.Entry::getKey)
          .toList();
    }

    /** Groups of writes linked by shared identifiers (directly or through other writes). */
    private List<Set<String>> groups() {
      Map<String, String> parent = new HashMap<>();
      writes.keySet().forEach(w -> parent.put(w, w));
      Map<Identifier, String> firstWriter = new HashMap<>();
      writes.forEach(
          (writer, write) ->
              write
                  .identifiers()
                  .forEach(
                      i -> {
                        String other = firstWriter.putIfAbsent(i, writer);
                        if (other != null) {
                          parent.put(root(parent, writer), root(parent, other));
                        }
                      }));
      Map<String, Set<String>> byRoot = new HashMap<>();
      writes
          .keySet()
          .forEach(w -> byRoot.computeIfAbsent(root(parent, w), r -> new HashSet<>()).add(w));
      return List.copyOf(byRoot.values());
    }

    private static String root(Map<String, String> parent, String writer) {
      String current = writer;
      while (!parent.get(current).equals(current)) {
        current = parent.get(current);
      }
      return current;
    }

    List<Set<Long>> groupsWithSeveralContacts() {
      return groups().stream()
          .map(group -> contactsOf(group))
          .filter(contacts -> contacts.size() > 1)
          .toList();
    }

    List<Long> contactsSharedByGroups() {
      Map<Long, Integer> groupsPerContact = new HashMap<>();
      groups()
          .forEach(
              group -> contactsOf(group).forEach(c -> groupsPerContact.merge(c, 1, Integer::sum)));
      return groupsPerContact.entrySet().stream()
          .filter(e -> e.getValue() > 1)
          .map(Map.Entry::getKey)
          .toList();
    }

    List<Identifier> identifiersHeldOutsideTheirGroup() {
      List<Identifier> wrong = new ArrayList<>();
      for (Set<String> group : groups()) {
        Set<Long> contacts = contactsOf(group);
        group.stream()
            .flatMap(w -> writes.get(w).identifiers().stream())
            .distinct()
            .filter(
                i ->
                    locks.get(i).holder().isEmpty()
                        || !contacts.contains(resolve(locks.get(i).holder().get())))
            .forEach(wrong::add);
      }
      return wrong;
    }

    private Set<Long> contactsOf(Set<String> group) {
      Set<Long> contacts = new HashSet<>();
      group.forEach(w -> contacts.add(resolve(decided.get(w))));
      return contacts;
    }
  }
}
