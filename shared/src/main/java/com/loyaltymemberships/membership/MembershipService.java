package com.loyaltymemberships.membership;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.UpdateRequest;
import com.loyaltymemberships.time.Backoff;
import com.loyaltymemberships.validation.MembershipPatch;
import com.loyaltymemberships.validation.MembershipQuery;
import com.loyaltymemberships.validation.NewMembership;
import com.loyaltymemberships.validation.RequestValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The four operations: validate the whole request, check it against the stored data, apply the
 * business rules, write all of it or nothing. A write that finds the data changed under it reads
 * again and retries, so concurrent updates never lose each other's fields (SPEC §8).
 */
public final class MembershipService {

    /** Attempts of a write request before answering 409. */
    static final int MAX_ATTEMPTS = 4;

    private final MembershipStore store;
    private final RequestValidator validator = new RequestValidator();
    private final MembershipIds ids;
    private final Clock clock;

    public MembershipService(MembershipStore store, Clock clock) {
        this.store = store;
        this.ids = new MembershipIds(clock);
        this.clock = clock;
    }

    public MembershipsResponse getAll(GetAllRequest request, Caller caller) {
        MembershipQuery query = validator.getAll(request);
        Set<UUID> chains = caller.readScope(query.chainIds());
        Optional<CursorPosition> cursor = CursorPosition.of(query.cursor(), MembershipOrder.of(query), chains, store);
        MembershipPage page = store.page(new MembershipFilter(query, chains, cursor.map(CursorPosition::key)));
        // Before answering: a page after a cursor that is no membership in scope is never shown (400 Invalid Cursor).
        cursor.ifPresent(c -> c.confirm(page));
        return MembershipViews.response(page.memberships());
    }

    public MembershipsResponse add(AddRequest request, Caller caller, Call<MembershipsResponse> call) {
        List<NewMembership> items = validator.add(request);
        UUID chain = caller.writeChain(request.chainId());
        return retryOnConflict(() -> {
            List<PrimaryMembershipRule.Change> changes = new ArrayList<>(items.size());
            for (NewMembership item : items) {
                Membership created = Membership.create(item, ids.next(), chain, Profile.INTEGRATION);
                changes.add(new PrimaryMembershipRule.Change(Optional.empty(), created, item.primary(), item.at()));
            }
            return write(chain, changes, call, MembershipViews::response);
        });
    }

    public MembershipsResponse update(UpdateRequest request, Caller caller, Call<MembershipsResponse> call) {
        List<MembershipPatch> patches = validator.update(request);
        UUID chain = caller.writeChain(request.chainId());
        return retryOnConflict(() -> {
            Map<UUID, Membership> current =
                    store.current(patches.stream().map(MembershipPatch::id).toList());
            Instant now = clock.instant();
            List<PrimaryMembershipRule.Change> changes = new ArrayList<>(patches.size());
            for (MembershipPatch patch : patches) {
                Membership before = current.get(patch.id());
                if (before == null || !before.chainId().equals(chain) || !before.isActive()) {
                    throw ApiException.invalid(
                            patch.at().child("LoyaltyMembershipId"), "there is no active membership with this Id");
                }
                Membership after = before.patched(patch).changed(Profile.INTEGRATION, now);
                changes.add(new PrimaryMembershipRule.Change(
                        Optional.of(before), after, patch.primary().orElse(false), patch.at()));
            }
            return write(chain, changes, call, MembershipViews::response);
        });
    }

    /** Soft delete; an Id that is already deleted is not an error (delete is idempotent). */
    public int delete(DeleteRequest request, Caller caller, Call<Integer> call) {
        List<UUID> requested = validator.delete(request);
        UUID chain = caller.writeChain(request.chainId());
        return retryOnConflict(() -> {
            Map<UUID, Membership> current = store.current(requested);
            Instant now = clock.instant();
            List<PrimaryMembershipRule.Change> changes = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < requested.size(); i++) {
                Membership before = current.get(requested.get(i));
                JsonPath at = JsonPath.of("LoyaltyMembershipIds").index(i);
                if (before == null || !before.chainId().equals(chain)) {
                    throw ApiException.invalid(at, "there is no membership with this Id");
                }
                if (before.isActive() && seen.add(before.id())) {
                    Membership after =
                            before.withActivityState(ActivityState.DELETED).changed(Profile.INTEGRATION, now);
                    changes.add(new PrimaryMembershipRule.Change(Optional.of(before), after, false, at));
                }
            }
            int deleted = changes.size();
            return write(chain, changes, call, afters -> deleted);
        });
    }

    /**
     * Warms the rules and their store before a SnapStart snapshot, writing nothing: primes the store ({@link
     * MembershipStore#prime}) with the {@link PrimingSample} as an add would create it.
     */
    public void prime() {
        store.prime(List.of(PrimingSample.membership(ids.next())));
    }

    /**
     * Applies the primary-membership rule and writes everything, with the answer to keep if the call keeps one;
     * returns the operation's result, made from the memberships as written.
     */
    private <R> R write(
            UUID chain,
            List<PrimaryMembershipRule.Change> changes,
            Call<R> call,
            Function<List<Membership>, R> result) {
        if (changes.isEmpty()) {
            R nothing = result.apply(List.of());
            store.commit(new ChangeSet(List.of(), call.receiptFor(nothing)), call.deadline());
            return nothing;
        }
        Map<UUID, UUID> pointers = store.primaryPointers(chain, PrimaryMembershipRule.accountsToRead(changes));
        PrimaryMembershipRule.Plan plan = PrimaryMembershipRule.plan(
                chain, changes, pointers, store::current, Profile.INTEGRATION, clock.instant());
        R written = result.apply(plan.afters());
        store.commit(plan.changes().writtenIn(call.requestId()).withReceipt(call.receiptFor(written)), call.deadline());
        return written;
    }

    private static <T> T retryOnConflict(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (WriteConflictException e) {
                if (i == MAX_ATTEMPTS) {
                    throw ApiException.conflict();
                }
                Backoff.pause(i);
            }
        }
    }
}
