package com.loyaltymemberships.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.idempotency.Claim;
import com.loyaltymemberships.idempotency.IdempotencyStore;
import com.loyaltymemberships.idempotency.Receipt;
import com.loyaltymemberships.testing.MutableClock;
import com.loyaltymemberships.time.Deadline;
import com.loyaltymemberships.time.OutOfTimeException;
import com.loyaltymemberships.validation.MembershipQuery;
import com.loyaltymemberships.validation.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link MembershipService} relies on from a {@link MembershipStore}, checked on every implementation: the
 * in-memory store of the fast tests and the DynamoDB repository on a real engine (one subclass each), so that the two
 * cannot drift apart. Each test works in chains of its own (random Ids), so implementations may share one table.
 */
public abstract class MembershipStoreContract {

    /** The store under test and the Idempotency-Key store that shares its storage (receipts are kept with commits). */
    public record Stores(MembershipStore memberships, IdempotencyStore keys) {}

    protected abstract Stores stores();

    private Stores stores;
    private MembershipStore store;
    private final UUID chain = UUID.randomUUID();
    private final UUID otherChain = UUID.randomUUID();
    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();
    private final UUID programP = UUID.randomUUID();
    private final UUID programQ = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** Each new membership is created a millisecond after the previous one. */
    private final MutableClock idClock = new MutableClock(T0);

    private final MembershipIds ids = new MembershipIds(idClock);

    @BeforeEach
    public void openTheStore() {
        stores = stores();
        store = stores.memberships();
    }

    private static Deadline deadline() {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(25));
    }

    private Membership membership(
            UUID chainId,
            UUID account,
            UUID program,
            MembershipState state,
            Optional<String> number,
            Optional<String> provider,
            ActivityState activity,
            Instant updated) {
        idClock.advance(Duration.ofMillis(1));
        UUID id = ids.next();
        return new Membership(
                id,
                chainId,
                account,
                program,
                state,
                false,
                provider,
                number,
                Optional.of(7),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                MembershipIds.createdAt(id),
                updated,
                activity,
                1,
                Optional.empty());
    }

    private Membership simple(UUID chainId, UUID account) {
        return membership(
                chainId,
                account,
                programP,
                MembershipState.ENROLLED,
                Optional.empty(),
                Optional.empty(),
                ActivityState.ACTIVE,
                T0);
    }

    private static ChangeSet.Group create(Membership m) {
        return new ChangeSet.Group(List.of(new ChangeSet.MembershipWrite(Optional.empty(), m)), List.of());
    }

    private static ChangeSet.Group replace(Membership before, Membership after) {
        return new ChangeSet.Group(List.of(new ChangeSet.MembershipWrite(Optional.of(before), after)), List.of());
    }

    private ChangeSet.Group point(UUID account, Optional<UUID> from, Optional<UUID> to) {
        return new ChangeSet.Group(List.of(), List.of(new ChangeSet.PointerChange(chain, account, from, to)));
    }

    private void commit(ChangeSet.Group... groups) {
        store.commit(new ChangeSet(List.of(groups)), deadline());
    }

    private void conflicts(ChangeSet.Group... groups) {
        assertThrows(WriteConflictException.class, () -> commit(groups));
    }

    private static Membership withPoints(Membership m, int points) {
        Membership p = new Membership(
                m.id(),
                m.chainId(),
                m.accountId(),
                m.loyaltyProgramId(),
                m.state(),
                m.primary(),
                m.providerMembershipId(),
                m.membershipNumber(),
                Optional.of(points),
                m.expirationDate(),
                m.url(),
                m.loyaltyTierId(),
                m.creatorProfile(),
                m.updaterProfile(),
                m.createdUtc(),
                m.updatedUtc(),
                m.activityState(),
                m.version(),
                Optional.empty());
        return p.changed(Profile.INTEGRATION, m.updatedUtc().plusMillis(1));
    }

    // ---- reads by key --------------------------------------------------------------------------------------------

    @Test
    public void getGetManyAndCurrentReturnWhatWasCommitted_timesToTheMillisecond() {
        Membership m = simple(chain, accountA);
        Membership precise = new Membership(
                m.id(),
                m.chainId(),
                m.accountId(),
                m.loyaltyProgramId(),
                m.state(),
                true,
                Optional.of("PRV"),
                Optional.of("NUM"),
                Optional.of(-3),
                Optional.of(Instant.parse("2029-12-24T00:00:00Z")),
                Optional.of("https://example.com/x"),
                Optional.of(UUID.randomUUID()),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                m.createdUtc(),
                T0.plusNanos(1_234_567),
                ActivityState.DELETED,
                4,
                Optional.empty());
        commit(create(precise));
        Membership stored = new Membership(
                m.id(),
                m.chainId(),
                m.accountId(),
                m.loyaltyProgramId(),
                m.state(),
                true,
                precise.providerMembershipId(),
                precise.membershipNumber(),
                precise.points(),
                precise.expirationDate(),
                precise.url(),
                precise.loyaltyTierId(),
                Profile.INTEGRATION,
                Profile.INTEGRATION,
                m.createdUtc(),
                T0.plusMillis(1),
                ActivityState.DELETED,
                4,
                Optional.empty());

        UUID unknown = UUID.randomUUID();
        assertEquals(Optional.of(stored), store.get(m.id()));
        assertEquals(Optional.empty(), store.get(unknown));
        assertEquals(Map.of(m.id(), stored), store.getMany(List.of(m.id(), unknown, m.id())));
        assertEquals(Map.of(m.id(), stored), store.current(List.of(unknown, m.id())));
        assertEquals(Map.of(), store.current(List.of(unknown)));
    }

    // ---- commits -------------------------------------------------------------------------------------------------

    @Test
    public void anEmptyCommitWritesNothingAndSucceeds() {
        store.commit(new ChangeSet(List.of()), deadline());
    }

    @Test
    public void creatingAnIdThatExistsConflicts_andNothingOfTheCommitIsWritten() {
        Membership a = simple(chain, accountA);
        commit(create(a));
        Membership b = simple(chain, accountB);
        conflicts(create(b), create(withPoints(a, 99)));
        assertEquals(Optional.empty(), store.get(b.id()));
        assertEquals(7, store.get(a.id()).orElseThrow().points().orElseThrow());
    }

    @Test
    public void replacingOnTheCurrentVersionSucceeds_onAStaleBeforeImageConflictsAndWritesNothing() {
        Membership a = simple(chain, accountA);
        commit(create(a));
        Membership v2 = withPoints(a, 1);
        commit(replace(a, v2));
        assertEquals(Optional.of(v2), store.get(a.id()));

        Membership c = simple(chain, accountB);
        conflicts(create(c), replace(a, withPoints(a, 2)));
        assertEquals(Optional.of(v2), store.get(a.id()));
        assertEquals(Optional.empty(), store.get(c.id()));

        Membership missing = simple(chain, accountA);
        conflicts(replace(missing, withPoints(missing, 3)));
        assertEquals(Optional.empty(), store.get(missing.id()));
    }

    @Test
    public void pointersMoveOnlyFromWhatTheyNamed_andAreReadPerChain() {
        Membership a = simple(chain, accountA);
        Membership b = simple(chain, accountA);
        commit(create(a), create(b), point(accountA, Optional.empty(), Optional.of(a.id())));
        assertEquals(Map.of(accountA, a.id()), store.primaryPointers(chain, Set.of(accountA, accountB)));
        assertEquals(Map.of(), store.primaryPointers(otherChain, Set.of(accountA)));

        conflicts(point(accountA, Optional.empty(), Optional.of(b.id())));
        conflicts(point(accountA, Optional.of(b.id()), Optional.of(a.id())));
        commit(point(accountA, Optional.of(a.id()), Optional.of(b.id())));
        assertEquals(Map.of(accountA, b.id()), store.primaryPointers(chain, Set.of(accountA)));
        commit(point(accountA, Optional.of(b.id()), Optional.empty()));
        assertEquals(Map.of(), store.primaryPointers(chain, Set.of(accountA)));
        conflicts(point(accountA, Optional.of(b.id()), Optional.empty()));
    }

    @Test
    public void aFailedPointerConditionUndoesTheMembershipsOfTheSameCommit() {
        Membership a = simple(chain, accountA);
        commit(create(a), point(accountA, Optional.empty(), Optional.of(a.id())));
        Membership newPrimary = simple(chain, accountA);
        Membership other = simple(chain, accountB);
        // Another request made a primary meanwhile: this commit still believes the account has none.
        conflicts(
                create(other),
                new ChangeSet.Group(
                        List.of(new ChangeSet.MembershipWrite(Optional.empty(), newPrimary)),
                        List.of(new ChangeSet.PointerChange(
                                chain, accountA, Optional.empty(), Optional.of(newPrimary.id())))));
        assertEquals(Map.of(), store.getMany(List.of(newPrimary.id(), other.id())));
        assertEquals(Map.of(accountA, a.id()), store.primaryPointers(chain, Set.of(accountA)));
    }

    @Test
    public void aCommitOverOneHundredWritesIsAllOrNothingToo() {
        List<ChangeSet.Group> creates = IntStream.range(0, 120)
                .mapToObj(i -> create(simple(chain, accountA)))
                .collect(Collectors.toList());
        Membership a = simple(chain, accountB);
        commit(create(a));
        List<ChangeSet.Group> withStale = new ArrayList<>(creates);
        withStale.add(replace(withPoints(a, 5), withPoints(withPoints(a, 5), 6)));
        assertThrows(WriteConflictException.class, () -> store.commit(new ChangeSet(withStale), deadline()));
        List<UUID> createdIds =
                creates.stream().map(g -> g.memberships().get(0).after().id()).toList();
        assertEquals(Map.of(), store.getMany(createdIds));

        store.commit(new ChangeSet(creates), deadline());
        assertEquals(120, store.getMany(createdIds).size());
    }

    @Test
    public void aCommitAfterItsDeadlineIsOutOfTimeAndWritesNothing() {
        Membership a = simple(chain, accountA);
        Deadline passed = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(-1));
        assertThrows(OutOfTimeException.class, () -> store.commit(new ChangeSet(List.of(create(a))), passed));
        assertEquals(Optional.empty(), store.get(a.id()));
    }

    @Test
    public void anAnswerIsKeptWithTheCommitOnlyWhileItsClaimHoldsTheKey() {
        IdempotencyStore keys = stores.keys();
        Instant now = Instant.now();
        Claim claim = new Claim("token-" + UUID.randomUUID(), "key", "claim-1", "add", "body", now.plusSeconds(30));
        assertEquals(Optional.empty(), keys.claim(claim, now));
        Receipt receipt = new Receipt(claim, 200, "{\"answer\":1}".getBytes(), now.plus(Duration.ofHours(24)));
        Membership a = simple(chain, accountA);
        store.commit(new ChangeSet(List.of(create(a)), Optional.of(receipt)), deadline());
        assertTrue(store.get(a.id()).isPresent());

        Claim retry = new Claim(claim.tokenHash(), "key", "claim-2", "add", "body", now.plusSeconds(30));
        IdempotencyStore.Answered kept =
                (IdempotencyStore.Answered) keys.claim(retry, now).orElseThrow();
        assertEquals(200, kept.receipt().status());
        assertEquals("{\"answer\":1}", new String(kept.receipt().body()));
        assertEquals(claim.id(), kept.receipt().claim().id());
        assertEquals(claim.sameRequestAs(kept.receipt().claim()), true);

        // A claim that does not hold its key (here: it never claimed one) keeps nothing, and its writes are undone.
        Claim stranger = new Claim(claim.tokenHash(), "other-key", "claim-3", "add", "body", now.plusSeconds(30));
        Membership b = simple(chain, accountA);
        assertThrows(
                WriteConflictException.class,
                () -> store.commit(
                        new ChangeSet(
                                List.of(create(b)),
                                Optional.of(new Receipt(stranger, 200, new byte[0], now.plus(Duration.ofHours(24))))),
                        deadline()));
        assertEquals(Optional.empty(), store.get(b.id()));
        assertEquals(Optional.empty(), keys.claim(stranger, now));
    }

    // ---- pages ---------------------------------------------------------------------------------------------------

    /** Twelve memberships over two chains, two accounts, programs, states, numbers, provider Ids, both activity states. */
    private List<Membership> seed() {
        List<Membership> all = new ArrayList<>();
        UUID[] accounts = {accountA, accountB};
        UUID[] programs = {programP, programQ};
        MembershipState[] states = {MembershipState.ENROLLED, MembershipState.PENDING, MembershipState.CANCELED};
        for (int i = 0; i < 12; i++) {
            // Created a millisecond apart; update times not in creation order: i * 7 mod 12 minutes after T0 + 1 s.
            all.add(membership(
                    i < 9 ? chain : otherChain,
                    accounts[i % 2],
                    programs[i / 2 % 2],
                    states[i % 3],
                    i % 4 == 3 ? Optional.empty() : Optional.of("N" + i % 4),
                    i % 3 == 0 ? Optional.of("PRV" + i % 2) : Optional.empty(),
                    i % 5 == 4 ? ActivityState.DELETED : ActivityState.ACTIVE,
                    T0.plusSeconds(1).plus(Duration.ofMinutes(i * 7 % 12))));
        }
        store.commit(
                new ChangeSet(all.stream().map(MembershipStoreContract::create).toList()), deadline());
        return all;
    }

    private MembershipQuery query(
            Set<ActivityState> activity,
            Optional<TimeWindow> created,
            Optional<TimeWindow> updated,
            Set<UUID> idSet,
            Set<UUID> accounts,
            Set<UUID> programs,
            Set<MembershipState> states,
            Set<String> numbers,
            Set<String> providers,
            int count) {
        return new MembershipQuery(
                List.of(),
                created,
                updated,
                idSet,
                accounts,
                programs,
                states,
                activity,
                numbers,
                providers,
                count,
                Optional.empty());
    }

    private MembershipPage page(MembershipQuery q, Set<UUID> chains, Optional<Membership> cursor) {
        MembershipFilter filter = new MembershipFilter(
                q, chains, cursor.map(c -> MembershipOrder.of(q).sortKey(c)));
        return store.page(filter);
    }

    @Test
    public void aChainListingIsNewestFirstByCreation_orByUpdateWithAnUpdatedWindow() {
        List<Membership> all = seed();
        Set<ActivityState> active = Set.of(ActivityState.ACTIVE);
        List<UUID> expected = all.stream()
                .filter(m -> m.chainId().equals(chain) && m.isActive())
                .sorted((x, y) -> y.id().toString().compareTo(x.id().toString()))
                .map(Membership::id)
                .toList();
        MembershipQuery q = query(
                active,
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                100);
        assertEquals(expected, ids(page(q, Set.of(chain), Optional.empty())));
        assertEquals(expected.subList(0, 3), ids(page(withCount(q, 3), Set.of(chain), Optional.empty())));
        Membership third = all.stream()
                .filter(m -> m.id().equals(expected.get(2)))
                .findFirst()
                .orElseThrow();
        assertEquals(expected.subList(3, expected.size()), ids(page(q, Set.of(chain), Optional.of(third))));

        TimeWindow day = new TimeWindow(T0, T0.plus(Duration.ofDays(1)));
        MembershipQuery byUpdate = query(
                active,
                Optional.empty(),
                Optional.of(day),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                100);
        List<UUID> expectedByUpdate = all.stream()
                .filter(m -> m.chainId().equals(chain) && m.isActive())
                .sorted((x, y) -> y.updatedUtc().equals(x.updatedUtc())
                        ? y.id().compareTo(x.id())
                        : y.updatedUtc().compareTo(x.updatedUtc()))
                .map(Membership::id)
                .toList();
        assertEquals(expectedByUpdate, ids(page(byUpdate, Set.of(chain), Optional.empty())));
    }

    private static MembershipQuery withCount(MembershipQuery q, int count) {
        return new MembershipQuery(
                q.chainIds(),
                q.created(),
                q.updated(),
                q.ids(),
                q.accountIds(),
                q.loyaltyProgramIds(),
                q.states(),
                q.activityStates(),
                q.membershipNumbers(),
                q.providerMembershipIds(),
                count,
                q.cursor());
    }

    private static List<UUID> ids(MembershipPage page) {
        return page.memberships().stream().map(Membership::id).toList();
    }

    /**
     * Every filter shape (each index the repository may choose, and none), alone and combined, in both orders, with a
     * short and a long page, without a cursor and with cursors inside, outside the filters and deleted: the page is
     * exactly the memberships that pass the filter, in page order, cut at Count. When the cursor's membership passes
     * every filter but the cursor bound, the page reports it as met; whatever it reports is the cursor's membership.
     */
    @Test
    public void everyFilterShapeInBothOrdersWithAndWithoutACursorPagesExactly() {
        List<Membership> all = seed();
        TimeWindow createdAll = new TimeWindow(T0, T0.plusSeconds(1));
        TimeWindow updatedSome = new TimeWindow(T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(9)));
        TimeWindow updatedAll = new TimeWindow(T0, T0.plus(Duration.ofDays(1)));
        List<MembershipQuery> shapes = new ArrayList<>();
        for (Optional<TimeWindow> updated :
                List.of(Optional.<TimeWindow>empty(), Optional.of(updatedAll), Optional.of(updatedSome))) {
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(all.get(1).id(), all.get(4).id(), all.get(10).id(), UUID.randomUUID()),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(accountA),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(programQ),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(MembershipState.PENDING, MembershipState.CANCELED),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of("N0", "N2"),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.empty(),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of("PRV1"),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.of(createdAll),
                    updated,
                    Set.of(),
                    Set.of(accountB),
                    Set.of(programP),
                    Set.of(MembershipState.ENROLLED, MembershipState.PENDING),
                    Set.of("N1", "N0"),
                    Set.of(),
                    100));
        }
        for (Optional<TimeWindow> updated : List.of(Optional.<TimeWindow>empty(), Optional.of(updatedSome))) {
            shapes.add(query(
                    Set.of(),
                    Optional.of(new TimeWindow(T0.plusMillis(3), T0.plusMillis(8))),
                    updated,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
            shapes.add(query(
                    Set.of(),
                    Optional.of(new TimeWindow(T0.plusMillis(2), T0.plusMillis(11))),
                    updated,
                    Set.of(),
                    Set.of(accountA),
                    Set.of(programP),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    100));
        }
        List<Optional<Membership>> cursors = List.of(
                Optional.empty(),
                Optional.of(all.get(6)),
                Optional.of(all.get(4)),
                Optional.of(all.get(5)),
                Optional.of(all.get(10)));
        int checked = 0;
        for (MembershipQuery shape : shapes) {
            for (Set<ActivityState> activity :
                    List.of(Set.of(ActivityState.ACTIVE), Set.of(ActivityState.ACTIVE, ActivityState.DELETED))) {
                for (int count : new int[] {2, 100}) {
                    MembershipQuery q = new MembershipQuery(
                            List.of(),
                            shape.created(),
                            shape.updated(),
                            shape.ids(),
                            shape.accountIds(),
                            shape.loyaltyProgramIds(),
                            shape.states(),
                            activity,
                            shape.membershipNumbers(),
                            shape.providerMembershipIds(),
                            count,
                            Optional.empty());
                    for (Optional<Membership> cursor : cursors) {
                        Set<UUID> chains = Set.of(chain, otherChain);
                        MembershipFilter filter = new MembershipFilter(
                                q, chains, cursor.map(c -> MembershipOrder.of(q).sortKey(c)));
                        List<UUID> expected = all.stream()
                                .filter(filter)
                                .sorted(filter.order().pageOrder())
                                .limit(count)
                                .map(Membership::id)
                                .toList();
                        MembershipPage page = store.page(filter);
                        String what = q + " after " + cursor.map(Membership::id);
                        assertEquals(expected, ids(page), what);
                        page.atCursor()
                                .ifPresent(
                                        m -> assertEquals(cursor.orElseThrow().id(), m.id(), what));
                        if (cursor.isPresent() && MembershipFilter.matches(q, cursor.get())) {
                            assertEquals(
                                    cursor.map(Membership::id),
                                    page.atCursor().map(Membership::id),
                                    "not met: " + what);
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 200);
    }

    @Test
    public void aPageNeverListsMembershipsOfChainsOutOfScope() {
        List<Membership> all = seed();
        MembershipQuery q = query(
                Set.of(ActivityState.ACTIVE, ActivityState.DELETED),
                Optional.empty(),
                Optional.empty(),
                all.stream().map(Membership::id).collect(Collectors.toSet()),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                100);
        assertTrue(page(q, Set.of(otherChain), Optional.empty()).memberships().stream()
                .allMatch(m -> m.chainId().equals(otherChain)));
        assertEquals(
                3, page(q, Set.of(otherChain), Optional.empty()).memberships().size());
        assertEquals(
                List.of(), page(q, Set.of(UUID.randomUUID()), Optional.empty()).memberships());
    }
}
