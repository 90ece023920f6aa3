package com.loyaltymemberships.membership;

import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * SPEC §8: an account has at most one primary membership per chain among its active memberships.
 * Making one primary makes the previous one non-primary (an update of it, even outside the request);
 * one request making two memberships of the same account primary is a 400.
 *
 * <p>Each chain keeps, per account, a pointer item to its primary membership. Reading it strongly
 * consistently and writing it conditionally in the same transaction as the memberships is what keeps
 * two concurrent requests from both making a primary: the second one's condition fails and it retries.
 */
public final class PrimaryMembershipRule {

    /**
     * One membership a request writes.
     *
     * @param before        the stored membership, empty for a new one
     * @param after         what the request makes of it
     * @param claimsPrimary the request itself sets IsPrimary to true
     * @param at            where the item sits in the request, for the 400
     */
    public record Change(Optional<Membership> before, Membership after, boolean claimsPrimary, JsonPath at) {
        boolean primaryStatusChanges() {
            return changesPrimary(before, after);
        }
    }

    /** The memberships as the request leaves them (request order) and all that has to be written. */
    public record Plan(List<Membership> afters, ChangeSet changes) {}

    private PrimaryMembershipRule() {}

    /** The accounts whose primary pointer the plan needs; a 400 if two items claim one account. */
    public static Set<UUID> accountsToRead(List<Change> changes) {
        claimers(changes);
        return accounts(changes);
    }

    /** Accounts whose primary may change: a membership of theirs claims it or stops or starts being primary. */
    private static Set<UUID> accounts(List<Change> changes) {
        Set<UUID> accounts = new LinkedHashSet<>();
        for (Change change : changes) {
            if (change.claimsPrimary() || change.primaryStatusChanges()) {
                accounts.add(change.after().accountId());
            }
        }
        return accounts;
    }

    /**
     * @param pointers     account → its current primary membership, for {@link #accountsToRead}
     * @param loadOutside  reads memberships that are not in the request (previous primaries to demote)
     */
    public static Plan plan(
            UUID chainId,
            List<Change> changes,
            Map<UUID, UUID> pointers,
            Function<Collection<UUID>, Map<UUID, Membership>> loadOutside,
            Profile by,
            Instant now) {
        Map<UUID, Change> claimers = claimers(changes);
        Set<UUID> accounts = accounts(changes);

        List<Membership> afters = new ArrayList<>(changes.size());
        Set<UUID> inRequest = new HashSet<>();
        for (Change change : changes) {
            Membership after = change.after();
            Change claimer = claimers.get(after.accountId());
            if (claimer != null && claimer != change && after.isActivePrimary()) {
                after = after.withPrimary(false);
            }
            afters.add(after);
            inRequest.add(after.id());
        }

        // Previous primaries outside the request, read once for all accounts.
        Set<UUID> outside = new HashSet<>();
        for (UUID account : accounts) {
            UUID current = pointers.get(account);
            if (current != null && !inRequest.contains(current) && claimers.containsKey(account)) {
                outside.add(current);
            }
        }
        Map<UUID, Membership> previous = outside.isEmpty() ? Map.of() : loadOutside.apply(outside);

        // One group per account whose primary changes (its writes become visible together), one per other write.
        Map<UUID, List<ChangeSet.MembershipWrite>> accountWrites = new LinkedHashMap<>();
        Map<UUID, List<ChangeSet.PointerChange>> accountPointers = new HashMap<>();
        List<ChangeSet.Group> groups = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            ChangeSet.MembershipWrite write = new ChangeSet.MembershipWrite(change.before(), afters.get(i));
            UUID account = afters.get(i).accountId();
            if (accounts.contains(account)
                    && (change.claimsPrimary() || changesPrimary(change.before(), afters.get(i)))) {
                accountWrites.computeIfAbsent(account, a -> new ArrayList<>()).add(write);
            } else {
                groups.add(new ChangeSet.Group(List.of(write), List.of()));
            }
        }
        for (UUID account : accounts) {
            Optional<UUID> current = Optional.ofNullable(pointers.get(account));
            Optional<UUID> desired = desiredPrimary(account, afters, current, inRequest);
            if (!desired.equals(current)) {
                accountPointers.put(account, List.of(new ChangeSet.PointerChange(chainId, account, current, desired)));
                current.map(previous::get)
                        .filter(old -> old.chainId().equals(chainId) && old.isActivePrimary())
                        .ifPresent(old -> accountWrites
                                .computeIfAbsent(account, a -> new ArrayList<>())
                                .add(new ChangeSet.MembershipWrite(
                                        Optional.of(old), old.withPrimary(false).changed(by, now))));
            }
        }
        for (UUID account : accounts) {
            List<ChangeSet.MembershipWrite> writes = accountWrites.getOrDefault(account, List.of());
            List<ChangeSet.PointerChange> pointerChanges = accountPointers.getOrDefault(account, List.of());
            if (!writes.isEmpty() || !pointerChanges.isEmpty()) {
                groups.add(new ChangeSet.Group(List.copyOf(writes), pointerChanges));
            }
        }
        return new Plan(List.copyOf(afters), new ChangeSet(List.copyOf(groups)));
    }

    private static boolean changesPrimary(Optional<Membership> before, Membership after) {
        return before.map(Membership::isActivePrimary).orElse(false) != after.isActivePrimary();
    }

    /** Who the account's pointer should name once the request is written. */
    private static Optional<UUID> desiredPrimary(
            UUID account, List<Membership> afters, Optional<UUID> current, Set<UUID> inRequest) {
        for (Membership after : afters) {
            if (after.accountId().equals(account) && after.isActivePrimary()) {
                return Optional.of(after.id());
            }
        }
        // Nobody in the request is primary: keep a primary outside the request, drop one inside it.
        return current.filter(id -> !inRequest.contains(id));
    }

    private static Map<UUID, Change> claimers(List<Change> changes) {
        Map<UUID, Change> claimers = new HashMap<>();
        for (Change change : changes) {
            if (change.claimsPrimary() && change.after().isActivePrimary()) {
                Change first = claimers.putIfAbsent(change.after().accountId(), change);
                if (first != null) {
                    throw ApiException.invalid(
                            change.at().child("IsPrimary"),
                            "account " + change.after().accountId() + " would have two primary memberships (also "
                                    + first.at() + ")");
                }
            }
        }
        return claimers;
    }
}
