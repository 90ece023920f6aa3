package com.loyaltymemberships.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

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
 */
final class EntryMerge {

    private final Fanout fanout;
    private final PriorityQueue<IndexStream> heads;
    /** Partitions whose share ran out as a round ended: read again, for their share, when the next round starts. */
    private final List<IndexStream> dry = new ArrayList<>();

    private int live;

    EntryMerge(List<IndexStream> streams, Fanout fanout, int firstRound) {
        this.fanout = fanout;
        int share = ceilDiv(firstRound, streams.size());
        fanout.map(streams, stream -> stream.fetch(share));
        this.heads = new PriorityQueue<>(
                Math.max(1, streams.size()),
                Comparator.comparing((IndexStream s) -> s.head().orElseThrow().sortKey())
                        .reversed());
        streams.stream().filter(s -> s.head().isPresent()).forEach(heads::add);
        this.live = (int) streams.stream()
                .filter(s -> s.head().isPresent() || s.mayHaveMore())
                .count();
    }

    /** True while some partition may still yield an entry. */
    boolean hasNext() {
        return !heads.isEmpty() || !dry.isEmpty();
    }

    /** Up to {@code wanted} next entries of the merge, in page order. */
    List<IndexEntry> take(int wanted) {
        int share = ceilDiv(wanted, live);
        fanout.map(dry, stream -> stream.fetch(share));
        dry.forEach(this::requeue);
        dry.clear();
        List<IndexEntry> taken = new ArrayList<>(wanted);
        while (taken.size() < wanted && !heads.isEmpty()) {
            IndexStream stream = heads.poll();
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

    private void requeue(IndexStream stream) {
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
