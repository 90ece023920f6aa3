package com.loyaltymemberships.soak;

import java.util.Random;

/**
 * One client: its own accounts, and if it is a racer its part of every shared round, the rounds spread evenly over its
 * share of the requests.
 */
final class LoadClient implements Runnable {

    private final int index;
    private final long share;
    private final Api api;
    private final OwnAccounts own;
    private final SharedRounds shared;
    private final Random random;
    private final Tally tally;

    LoadClient(int index, long share, Api api, OwnAccounts own, SharedRounds shared, Random random, Tally tally) {
        this.index = index;
        this.share = share;
        this.api = api;
        this.own = own;
        this.shared = shared;
        this.random = random;
        this.tally = tally;
    }

    @Override
    public void run() {
        boolean racer = index < shared.racers();
        int rounds = racer ? shared.rounds() : 0;
        int played = 0;
        try {
            // A racer plays every round even past its share: the others wait for it at each round.
            while (api.sent() < share || played < rounds) {
                if (played < rounds && api.sent() >= share * played / rounds) {
                    shared.play(api, random, index, played++);
                } else {
                    own.next();
                }
            }
        } catch (RuntimeException e) {
            tally.violation("client " + index + " stopped: " + e);
        } finally {
            if (racer) {
                shared.leave();
            }
        }
    }
}
