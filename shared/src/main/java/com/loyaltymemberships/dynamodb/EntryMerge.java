package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * k-way merge of index partitions that each yield their entries in page order (greatest sort key first), taken a
 * round at a time: {@link #take} gives the next entries of the whole merge, reading each partition only about as far
 * as the round needs.
 *
 * <p>Every partition is read at once, in parallel, for its share of the first round (its size over the partitions,
 * rounded up); a partition whose share runs out while the round still needs its next entry reads again, for its share
 * of what the round still needs. A partition holds about its share when the memberships are spread over its write
 * shards by a hash, so a page reads about what it answers, plus one to two entries per partition (docs/DECISIONS.md,
 * "Reads of a sharded partition").
 *
 * <p>Generic over the partition so that bench/'s scale model reads its in-memory partitions with this very policy.
 *
 * @param <E> an entry of a partition
 */
public final class EntryMerge<E> {

    /** One index partition as the merge reads it (an {@link IndexStream}, or a model of one). */
    public interface Partition<E> {

        /** Reads up to {@code limit} more entries (one Query), unless the partition has been read to its end. */
        void fetch(int limit);

        /** The next entry read and not yet taken. */
        Optional<E> head();

        /** Takes the head. */
        E take();

        /** False once the partition has been read to its end. */
        boolean mayHaveMore();
    }

    private final Fanout fanout;
    private final PriorityQueue<Partition<E>> heads;
    /** Partitions whose share ran out as a round ended: read again, for their share, when the next round starts. */
    private final List<Partition<E>> dry = new ArrayList<>();

    private int live;

    /** @param sortKey an entry's sort key in page order (the greatest first) */
    public EntryMerge(
            List<? extends Partition<E>> partitions, Function<E, String> sortKey, Fanout fanout, int firstRound) {
        this.fanout = fanout;
        int share = ceilDiv(firstRound, partitions.size());
        fetch(partitions, share);
        this.heads = new PriorityQueue<>(
                Math.max(1, partitions.size()),
                Comparator.comparing((Partition<E> p) -> sortKey.apply(p.head().orElseThrow()))
                        .reversed());
        partitions.stream().filter(p -> p.head().isPresent()).forEach(heads::add);
        this.live = (int) partitions.stream()
                .filter(p -> p.head().isPresent() || p.mayHaveMore())
                .count();
    }

    /** True while some partition may still yield an entry. */
    public boolean hasNext() {
        return !heads.isEmpty() || !dry.isEmpty();
    }

    /** Up to {@code wanted} next entries of the merge, in page order. */
    public List<E> take(int wanted) {
        fetch(dry, ceilDiv(wanted, live));
        dry.forEach(this::requeue);
        dry.clear();
        List<E> taken = new ArrayList<>(wanted);
        while (taken.size() < wanted && !heads.isEmpty()) {
            Partition<E> stream = heads.poll();
            taken.add(stream.take());
            if (stream.head().isEmpty() && stream.mayHaveMore()) {
                // Not once the round is full: the next entry of this partition may never be needed.
                if (taken.size() == wanted) {
                    dry.add(stream);
                    continue;
                }
                stream.fetch(ceilDiv(wanted - taken.size(), live));
            }
            requeue(stream);
        }
        return taken;
    }

    /** Each partition's next Query, side by side. */
    private void fetch(List<? extends Partition<E>> partitions, int limit) {
        fanout.map(partitions, partition -> {
            partition.fetch(limit);
            return partition;
        });
    }

    private void requeue(Partition<E> stream) {
        if (stream.head().isPresent()) {
            heads.add(stream);
        } else if (!stream.mayHaveMore()) {
            live--;
        }
    }

    static int ceilDiv(int x, int y) {
        return -Math.floorDiv(-x, Math.max(1, y));
    }
}
