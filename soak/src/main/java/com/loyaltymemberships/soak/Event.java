package com.loyaltymemberships.soak;

/** What the clients count besides statuses: the Idempotency-Key retries, the races and the checked reads. */
enum Event {
    KEYED_ONCE("keyed writes sent once"),
    RESENT("keyed writes sent again after their answer (properties reversed): replayed byte for byte"),
    LOST("keyed writes whose answer was lost to a " + KeyedWrites.LOST_AFTER.toMillis()
            + " ms client timeout, then retried"),
    LOST_THEN_REPLAYED("  of which the retry got the first execution's answer, replayed"),
    LOST_THEN_EXECUTED("  of which the first attempt had not run yet and the retry executed it"),
    SENT_TWICE("keyed writes sent twice at once: one execution, one byte-identical replay"),
    STILL_RUNNING("409 with Retry-After while the first request with the key ran: retried until the answer"),
    CONFLICT_RETRIED("409 \"data changed\": retried by the client"),
    CONFLICT_GAVE_UP("409 \"data changed\" " + SharedRounds.CONFLICT_TRIES + " times: recorded as nothing happened"),
    READS_CHECKED("getAll answers on a client's own accounts or Ids, compared in full with the ledger"),
    FOREIGN_HIDDEN("  of which asked for an own Id of a chain outside the token's scope: not shown"),
    UPDATE_OF_DELETED_REFUSED("updates of a deleted membership: 400, nothing changed"),
    ROUNDS("shared rounds"),
    PRIMARY_RACE_APPLIED("racers' updates making the round's target primary and setting their own field: 200"),
    UPDATE_BEFORE_DELETE(
            "racers' updates of the round's disposable membership answered 200: applied before its delete"),
    UPDATE_AFTER_DELETE(
            "racers' updates of the round's disposable membership answered 400: after its delete, nothing changed"),
    KEY_RACE_WON("key races won: the one add per round and token executed under the shared key"),
    KEY_RACE_LOST("key races lost: 400 naming Idempotency-Key, nothing added");

    private final String description;

    Event(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
