package com.loyaltymemberships.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.loyaltymemberships.access.Caller;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.JsonBody;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipView;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import com.loyaltymemberships.membership.Call;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.MembershipService;
import com.loyaltymemberships.membership.MembershipStore;
import com.loyaltymemberships.time.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/**
 * The membership rules wired as {@code pipeline.LoyaltyApi} wires them ({@code new MembershipService(store, clock)}), on
 * the in-memory stores, with request bodies written as JSON and bound by the service's own codec. Tokens are the
 * pipeline's business ({@code access.AccessGate}); here a request runs as a {@link Caller}.
 */
public final class Rules {

    public static final UUID CHAIN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    public static final UUID OTHER_CHAIN = UUID.fromString("5fcd1933-22f2-40b9-84da-7db04cbecec2");
    public static final UUID THIRD_CHAIN = UUID.fromString("0b5c3b0e-8f3a-4c1e-9d53-8d1a1f4c2e77");

    /** A single-enterprise token of {@link #CHAIN}. */
    public static final Caller SINGLE = new Caller("single-token-hash", List.of(CHAIN), false);
    /** A single-enterprise token of {@link #OTHER_CHAIN}. */
    public static final Caller OTHER = new Caller("other-token-hash", List.of(OTHER_CHAIN), false);
    /** A portfolio token of {@link #CHAIN} and {@link #OTHER_CHAIN}. */
    public static final Caller PORTFOLIO = new Caller("portfolio-token-hash", List.of(CHAIN, OTHER_CHAIN), true);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    public final InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
    public final InMemoryMembershipStore store = new InMemoryMembershipStore(keys);
    public final MembershipService service;
    private final JsonCodec json = new JsonCodec();

    public Rules() {
        this.service = new MembershipService(store, clock);
    }

    /** The rules on another store (e.g. the in-memory store wrapped to interleave another request). */
    public Rules(Function<InMemoryMembershipStore, MembershipStore> wrap) {
        this.service = new MembershipService(wrap.apply(store), clock);
    }

    public <T> T bind(String body, Function<JsonBody, T> type) {
        return type.apply(json.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    public <R> Call<R> call() {
        return Call.of("rules-test", Deadline.after(clock, Duration.ofSeconds(28)));
    }

    public MembershipsResponse getAll(Caller caller, String body) {
        return service.getAll(bind(body, RequestBinder::getAll), caller);
    }

    public MembershipsResponse add(Caller caller, String body) {
        return service.add(bind(body, RequestBinder::add), caller, call());
    }

    public MembershipsResponse update(Caller caller, String body) {
        return service.update(bind(body, RequestBinder::update), caller, call());
    }

    public int delete(Caller caller, String body) {
        return service.delete(bind(body, RequestBinder::delete), caller, call());
    }

    /** Adds one membership with {@code fields} (JSON members, may be empty) to the caller's chain and returns it. */
    public MembershipView addOne(Caller caller, UUID account, String fields) {
        return add(caller, "{\"LoyaltyMemberships\": [" + item(account, fields) + "]}")
                .loyaltyMemberships()
                .get(0);
    }

    /** One add item: the account, {@link #PROGRAM} and IsPrimary false unless {@code fields} say otherwise. */
    public static String item(UUID account, String fields) {
        String base = "\"AccountId\": \"" + account + "\"";
        if (!fields.contains("LoyaltyProgramId")) {
            base += ", \"LoyaltyProgramId\": \"" + PROGRAM + "\"";
        }
        if (!fields.contains("IsPrimary")) {
            base += ", \"IsPrimary\": false";
        }
        return "{" + base + (fields.isEmpty() ? "" : ", " + fields) + "}";
    }

    public static final UUID PROGRAM = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");
    public static final UUID OTHER_PROGRAM = UUID.fromString("da34b396-41f7-47f6-8847-aecf00a3f19e");

    /** The stored membership behind a view. */
    public Membership stored(MembershipView view) {
        return store.get(UUID.fromString(view.id())).orElseThrow();
    }

    public Membership stored(String id) {
        return store.get(UUID.fromString(id)).orElseThrow();
    }

    /** Runs {@code request}, expecting a 400 whose message starts with {@code messageStart}; returns the message. */
    public static String badRequest(String messageStart, Executable request) {
        ApiException e = assertThrows(ApiException.class, request);
        assertEquals(400, e.status(), e.getMessage());
        if (!e.getMessage().startsWith(messageStart)) {
            throw new AssertionError(
                    "expected a message starting with <" + messageStart + "> but was <" + e.getMessage() + ">");
        }
        return e.getMessage();
    }

    public static List<String> ids(MembershipsResponse response) {
        return response.loyaltyMemberships().stream().map(MembershipView::id).toList();
    }

    public static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    public static String quoted(String... values) {
        return quoted(List.of(values));
    }
}
