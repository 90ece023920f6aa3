package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.acceptance.TestApi.JSON;
import static com.loyaltymemberships.acceptance.TestApi.array;
import static com.loyaltymemberships.acceptance.TestApi.body;
import static com.loyaltymemberships.acceptance.TestApi.ids;
import static com.loyaltymemberships.acceptance.TestApi.item;
import static com.loyaltymemberships.acceptance.TestApi.limitation;
import static com.loyaltymemberships.acceptance.TestApi.props;
import static com.loyaltymemberships.acceptance.TestApi.wrapped;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_B;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;
import static java.util.UUID.randomUUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.devkit.DynamoDbEngineExtension;
import com.loyaltymemberships.dynamodb.TableDefinition;
import com.loyaltymemberships.membership.MembershipIds;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC §2 as a matrix: "a membership of another chain behaves exactly like one that does not exist". Rows are
 * the operations with every kind of reference to another tenant's data a request can carry (Ids, Cursor,
 * ChainId(s), accounts, programs, numbers, provider Ids); columns are the token kinds ({@link Side}). Each cell
 * sends its request twice, once naming the other chain's real data and once naming a ghost's (data that never
 * existed), and asserts for each: the contract's answer, nothing of the other chain in it, and no write outside
 * the token's own chain (a refused request or a read writes nothing at all), comparing every stored membership
 * and primary pointer before and after. Then both answers must be the same.
 */
@ExtendWith(DynamoDbEngineExtension.class)
class TenantIsolationTest {

    private static final String INVALID_CHAIN_ID = "Invalid ChainId:";
    private static final String INVALID_CHAIN_IDS = "Invalid ChainIds at ChainIds[1]";
    private static final String INVALID_CURSOR = "Invalid Cursor at Limitation.Cursor";
    private static final String INVALID_UPDATE_ID =
            "Invalid LoyaltyMembershipId at LoyaltyMembershipUpdates[%d].LoyaltyMembershipId";
    private static final String INVALID_DELETE_ID = "Invalid LoyaltyMembershipIds at LoyaltyMembershipIds[%d]";

    /** Ghost Ids look exactly like real ones (UUID version 7, made now): only their existence differs. */
    private static final MembershipIds GHOST_IDS = new MembershipIds(Clock.systemUTC());
    /** Own-chain memberships that are no reference to the other chain share these, so two runs' answers compare. */
    private static final UUID OWN_ACCOUNT = randomUUID();

    private static final UUID OWN_PROGRAM = randomUUID();
    private static final Instant START = Instant.now();

    private static TestApi api;
    /** The seeded data of the chains that the tokens under test must not reach. */
    private static final Map<UUID, Tenant> OTHERS = new HashMap<>();

    @BeforeAll
    static void seed(DynamoDbClient dynamoDb) {
        // About a thousand requests, most of them with the portfolio token: the rate limit is not under test here.
        api = TestApi.create(dynamoDb, 0, 30);
        OTHERS.put(CHAIN_B, Tenant.seed(CHAIN_B));
        OTHERS.put(CHAIN_C, Tenant.seed(CHAIN_C));
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        return cells().flatMap(cell -> Side.ALL.stream()
                .flatMap(side -> cell.expected().apply(side).stream().map(expected -> {
                    String name = cell.name() + " | " + side.label() + " → " + expected;
                    return dynamicTest(name, () -> check(name, cell, side, expected));
                })));
    }

    // ---- the matrix ----

    /**
     * The columns: a token, the chain it acts on (always A), and the chain of the other tenant its requests reach for.
     * For a portfolio token that is a chain outside its scope, or one inside it that the request does not act on.
     */
    record Side(String label, String token, boolean portfolio, List<UUID> scope, UUID other) {
        static final List<Side> ALL = List.of(
                new Side(
                        "single-enterprise token of A, other chain C",
                        CHAIN_A_ACCESS_TOKEN,
                        false,
                        List.of(CHAIN_A),
                        CHAIN_C),
                new Side(
                        "portfolio token of A and B, other chain C outside its scope",
                        PORTFOLIO_ACCESS_TOKEN,
                        true,
                        List.of(CHAIN_A, CHAIN_B),
                        CHAIN_C),
                new Side(
                        "portfolio token acting on A, other chain B inside its scope",
                        PORTFOLIO_ACCESS_TOKEN,
                        true,
                        List.of(CHAIN_A, CHAIN_B),
                        CHAIN_B));

        UUID own() {
            return CHAIN_A;
        }

        /** Naming a chain of the token's scope is no foreign reference: the request just acts on that chain. */
        boolean otherChainInScope() {
            return scope.contains(other);
        }

        /** A getAll body of this token; acting on one chain of a portfolio means narrowing the read to it. */
        ObjectNode read() {
            ObjectNode body = body(token);
            if (otherChainInScope()) {
                body.set("ChainIds", array(own()));
            }
            return body;
        }

        /** A write body of this token: a portfolio token names its chain, a single-enterprise token needs none. */
        ObjectNode write() {
            ObjectNode body = body(token);
            return portfolio ? body.put("ChainId", own().toString()) : body;
        }
    }

    /** The rows: getAll in both page orders (they read different indexes), then add, update and delete. */
    private static Stream<Cell> cells() {
        ObjectNode updateOrder = props();
        updateOrder.set(
                "UpdatedUtc",
                JSON.createObjectNode()
                        .put("StartUtc", START.minus(Duration.ofHours(1)).toString())
                        .put("EndUtc", START.plus(Duration.ofDays(1)).toString()));
        return Stream.of(
                        reads("creation order", props()),
                        reads("update order", updateOrder),
                        adds(),
                        updates(),
                        deletes())
                .flatMap(s -> s);
    }

    private static Stream<Cell> reads(String order, ObjectNode ordering) {
        return Stream.of(
                read(
                        order,
                        ordering,
                        "ChainIds naming the other chain",
                        namingTheChain(invalid(INVALID_CHAIN_IDS), invalid(INVALID_CHAIN_IDS)),
                        (side, run) -> set(props(), "ChainIds", array(side.own(), run.other.chain()))),
                // Any membership of the chains in scope, even a deleted one, marks a position (SPEC §4): not the other
                // chain's.
                read(
                        order,
                        ordering,
                        "Cursor: the other chain's membership",
                        always(invalid(INVALID_CURSOR)),
                        (side, run) -> cursor(run.other.active())),
                read(
                        order,
                        ordering,
                        "Cursor: the other chain's deleted membership",
                        always(invalid(INVALID_CURSOR)),
                        (side, run) -> cursor(run.other.deleted())),
                filter(order, ordering, "LoyaltyMembershipIds", "the other chain's membership", Tenant::active),
                filter(
                        order,
                        ordering,
                        "LoyaltyMembershipIds",
                        "the other chain's deleted membership",
                        Tenant::deleted),
                filter(order, ordering, "AccountIds", "the other chain's account", Tenant::account),
                filter(order, ordering, "LoyaltyProgramIds", "a program used in the other chain", Tenant::program),
                filter(order, ordering, "MembershipNumbers", "a number used in the other chain", Tenant::number),
                filter(order, ordering, "Codes", "a number used in the other chain", Tenant::number),
                filter(
                        order,
                        ordering,
                        "ProviderMembershipIds",
                        "a provider Id used in the other chain",
                        Tenant::providerId));
    }

    /** A getAll row: every activity state, so that deleted memberships of the other chain would show too. */
    private static Cell read(
            String order,
            ObjectNode ordering,
            String reference,
            Function<Side, Optional<Expected>> expected,
            Request properties) {
        return new Cell("getAll", reference + " (" + order + ")", expected, (side, run) -> {
            ObjectNode body = side.read();
            body.set("Limitation", limitation(100));
            body.set("ActivityStates", array("Active", "Deleted"));
            body.setAll(ordering);
            return body.setAll(properties.body(side, run));
        });
    }

    private static Cell filter(
            String order, ObjectNode ordering, String property, String reference, Function<Tenant, Object> value) {
        return read(
                order,
                ordering,
                property + ": " + reference,
                always(Expected.OK),
                (side, run) -> set(props(), property, array(value.apply(run.other))));
    }

    private static Stream<Cell> adds() {
        return Stream.of(
                new Cell(
                        "add",
                        "ChainId naming the other chain",
                        namingTheChain(Expected.OK, invalid(INVALID_CHAIN_ID)),
                        (side, run) -> adding(naming(side, run), item(OWN_ACCOUNT, OWN_PROGRAM, false))),
                // The primary rule works per account and chain (SPEC §8): the other chain's primary of this account
                // stays.
                new Cell(
                        "add",
                        "AccountId with a primary in the other chain, as primary",
                        always(Expected.OK),
                        (side, run) -> adding(side.write(), item(run.fresh().account(), OWN_PROGRAM, true))),
                // Numbers are not unique (SPEC §5); if they were per tenant, a 400 here would tell the other chain uses
                // it.
                new Cell(
                        "add",
                        "MembershipNumber used in the other chain",
                        always(Expected.OK),
                        (side, run) -> adding(
                                side.write(),
                                item(OWN_ACCOUNT, OWN_PROGRAM, false)
                                        .put("MembershipNumber", run.fresh().number()))));
    }

    private static Stream<Cell> updates() {
        Expected secondIdInvalid = invalid(String.format(INVALID_UPDATE_ID, 1));
        return Stream.of(
                // Behind a valid change of the token's own, so that the all-or-nothing rule is under test as well.
                new Cell(
                        "update",
                        "LoyaltyMembershipId of the other chain's membership",
                        always(secondIdInvalid),
                        (side, run) -> updating(
                                side.write(), points(run.newOwn(OWN_ACCOUNT, false)), takeOver(run.other.active()))),
                new Cell(
                        "update",
                        "LoyaltyMembershipId of the other chain's deleted membership",
                        always(secondIdInvalid),
                        (side, run) -> updating(
                                side.write(), points(run.newOwn(OWN_ACCOUNT, false)), takeOver(run.other.deleted()))),
                new Cell(
                        "update",
                        "ChainId naming the other chain",
                        namingTheChain(Expected.OK, invalid(INVALID_CHAIN_ID)),
                        (side, run) -> updating(naming(side, run), points(run.newOwn(OWN_ACCOUNT, false)))),
                // The single-enterprise token ignores ChainId, so the Id stays foreign to it.
                new Cell(
                        "update",
                        "ChainId and LoyaltyMembershipId of the other chain",
                        namingTheChain(invalid(String.format(INVALID_UPDATE_ID, 0)), invalid(INVALID_CHAIN_ID)),
                        (side, run) -> updating(naming(side, run), takeOver(run.other.active()))),
                new Cell(
                        "update",
                        "IsPrimary for an account with a primary in the other chain",
                        always(Expected.OK),
                        (side, run) -> updating(
                                side.write(), change(run.newOwn(run.fresh().account(), false), "IsPrimary", true))),
                new Cell(
                        "update",
                        "ProviderMembershipId used in the other chain",
                        always(Expected.OK),
                        (side, run) -> updating(
                                side.write(),
                                change(
                                        run.newOwn(OWN_ACCOUNT, false),
                                        "ProviderMembershipId",
                                        run.fresh().providerId()))));
    }

    private static Stream<Cell> deletes() {
        Expected secondIdInvalid = invalid(String.format(INVALID_DELETE_ID, 1));
        return Stream.of(
                new Cell(
                        "delete",
                        "LoyaltyMembershipIds: the other chain's membership",
                        always(secondIdInvalid),
                        (side, run) -> deleting(side.write(), run.newOwn(OWN_ACCOUNT, false), run.other.active())),
                // An own deleted Id would be fine (delete is idempotent, SPEC §7); another chain's is unknown.
                new Cell(
                        "delete",
                        "LoyaltyMembershipIds: the other chain's deleted membership",
                        always(secondIdInvalid),
                        (side, run) -> deleting(side.write(), run.newOwn(OWN_ACCOUNT, false), run.other.deleted())),
                new Cell(
                        "delete",
                        "ChainId naming the other chain",
                        namingTheChain(Expected.OK, invalid(INVALID_CHAIN_ID)),
                        (side, run) -> deleting(naming(side, run), run.newOwn(OWN_ACCOUNT, false))),
                new Cell(
                        "delete",
                        "ChainId and LoyaltyMembershipIds of the other chain",
                        namingTheChain(invalid(String.format(INVALID_DELETE_ID, 0)), invalid(INVALID_CHAIN_ID)),
                        (side, run) -> deleting(naming(side, run), run.other.active())),
                new Cell(
                        "delete",
                        "the primary of an account with a primary in the other chain",
                        always(Expected.OK),
                        (side, run) ->
                                deleting(side.write(), run.newOwn(run.fresh().account(), true))));
    }

    private static Function<Side, Optional<Expected>> always(Expected expected) {
        return side -> Optional.of(expected);
    }

    /**
     * A request naming the other chain as ChainId(s): a single-enterprise token ignores ChainId on writes (SPEC §2),
     * a portfolio token refuses a chain outside its scope, and a chain inside it is no foreign reference (no cell).
     */
    private static Function<Side, Optional<Expected>> namingTheChain(Expected singleEnterprise, Expected portfolio) {
        return side -> side.otherChainInScope()
                ? Optional.empty()
                : Optional.of(side.portfolio() ? portfolio : singleEnterprise);
    }

    private static Expected invalid(String message) {
        return new Expected(400, message);
    }

    // ---- one cell ----

    /** A row: an operation with one kind of foreign reference, what it answers per column, and its request. */
    private record Cell(
            String operation, String reference, Function<Side, Optional<Expected>> expected, Request request) {
        String name() {
            return operation + " · " + reference;
        }
    }

    @FunctionalInterface
    private interface Request {
        ObjectNode body(Side side, Run run);
    }

    /** The contract's answer in a cell: 200 (a read that finds nothing, or a write in the own chain), or 400 with a Message starting so. */
    private record Expected(int status, String message) {
        static final Expected OK = new Expected(200, "");

        boolean refused() {
            return status != 200;
        }

        @Override
        public String toString() {
            return refused() ? status + " " + message : "200";
        }
    }

    private static void check(String name, Cell cell, Side side, Expected expected) {
        Run real = new Run(name, cell, side, OTHERS.get(side.other()));
        Run ghost = new Run(name + " [with data that never existed]", cell, side, Tenant.ghost());
        // Both set up what they need first, so that one snapshot is the real run's "after" and the ghost run's
        // "before".
        real.prepare();
        ghost.prepare();
        ghost.send(real.send(stored(), expected), expected);
        assertEquals(
                ghost.normalized(),
                real.normalized(),
                name + ": a membership of another chain behaves exactly like one that does not exist (SPEC §2)");
    }

    // ---- the other tenants ----

    /** One chain's data as another tenant's request can name it: seeded for real, or a ghost's, which never existed. */
    private record Tenant(
            UUID chain,
            String active,
            String deleted,
            UUID account,
            UUID program,
            String number,
            String providerId,
            boolean real) {

        /** A primary membership and a deleted one of one account, sharing program, number and provider Id: every filter finds both. */
        static Tenant seed(UUID chain) {
            UUID account = randomUUID();
            UUID program = randomUUID();
            String number = "MBR-" + randomUUID();
            String providerId = "PRV-" + randomUUID();
            List<String> ids = addTo(
                    chain,
                    item(account, program, true).put("MembershipNumber", number),
                    item(account, program, false).put("MembershipNumber", number));
            // ProviderMembershipId is settable only by update (SPEC §3).
            assertEquals(
                    200,
                    api.post(
                                    "update",
                                    updating(
                                            writeTo(chain),
                                            change(ids.get(0), "ProviderMembershipId", providerId),
                                            change(ids.get(1), "ProviderMembershipId", providerId)))
                            .status());
            assertEquals(
                    200,
                    api.post("delete", deleting(writeTo(chain), ids.get(1))).status());
            return new Tenant(chain, ids.get(0), ids.get(1), account, program, number, providerId, true);
        }

        static Tenant ghost() {
            return new Tenant(
                    randomUUID(),
                    GHOST_IDS.next().toString(),
                    GHOST_IDS.next().toString(),
                    randomUUID(),
                    randomUUID(),
                    "MBR-" + randomUUID(),
                    "PRV-" + randomUUID(),
                    false);
        }

        /**
         * A primary membership made in this chain for one run, with an account, a number and a provider Id used nowhere
         * else: what a write cell copies into the own chain must not meet the read cells' filters. A ghost's is made up.
         */
        Fresh fresh() {
            Fresh fresh = new Fresh(randomUUID(), "MBR-" + randomUUID(), "PRV-" + randomUUID());
            if (real) {
                String id = addTo(
                                chain,
                                item(fresh.account(), randomUUID(), true).put("MembershipNumber", fresh.number()))
                        .get(0);
                assertEquals(
                        200,
                        api.post(
                                        "update",
                                        updating(
                                                writeTo(chain), change(id, "ProviderMembershipId", fresh.providerId())))
                                .status());
            }
            return fresh;
        }
    }

    private record Fresh(UUID account, String number, String providerId) {}

    /** One request of a cell, naming the other chain's real data or a ghost's. */
    private static final class Run {
        final String name;
        final Cell cell;
        final Side side;
        final Tenant other;
        private Fresh fresh;
        private ObjectNode request;
        private Response response;

        Run(String name, Cell cell, Side side, Tenant other) {
            this.name = name;
            this.cell = cell;
            this.side = side;
            this.other = other;
        }

        /** Builds the request, writing what it refers to (before the snapshot it is judged against). */
        void prepare() {
            request = cell.request().body(side, this);
        }

        Fresh fresh() {
            if (fresh == null) {
                fresh = other.fresh();
            }
            return fresh;
        }

        /** A new membership of the token's own chain, made through the token itself, for this run alone. */
        String newOwn(UUID account, boolean primary) {
            return api.add(side.token(), side.own(), item(account, OWN_PROGRAM, primary))
                    .get(0)
                    .get("Id")
                    .asText();
        }

        /** Sends the request and asserts answer and writes against the store as it was before; returns the store after. */
        Map<String, Map<String, AttributeValue>> send(
                Map<String, Map<String, AttributeValue>> before, Expected expected) {
            try {
                response = api.post(cell.operation(), request);
                Map<String, Map<String, AttributeValue>> after = stored();
                assertAnswer(expected);
                assertNothingOfTheOtherChain(before);
                assertWrites(before, after, expected);
                return after;
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        }

        private void assertAnswer(Expected expected) {
            if (expected.refused()) {
                response.assertError(expected.status(), expected.message());
            } else if (cell.operation().equals("getAll")) {
                assertEquals(0, response.memberships().size(), "a read finds nothing: " + response.body());
                assertEquals(true, response.json().get("Cursor").isNull());
            } else {
                assertEquals(200, response.status(), response.body());
            }
        }

        private void assertNothingOfTheOtherChain(Map<String, Map<String, AttributeValue>> stored) {
            stored.values().stream()
                    .filter(item -> side.other().toString().equals(chainOf(item)) && isMembership(item))
                    .forEach(item -> assertFalse(
                            response.body()
                                    .contains(item.get(TableDefinition.ID).s()),
                            "the answer shows a membership of the other chain: " + response.body()));
            if (response.status() == 200 && response.json().has("LoyaltyMemberships")) {
                response.memberships()
                        .forEach(m -> assertEquals(
                                side.own().toString(), m.get("ChainId").asText(), "answered outside the own chain"));
            }
        }

        /** A read or a refused request writes nothing; a write touches exactly its memberships, all in the token's own chain. */
        private void assertWrites(
                Map<String, Map<String, AttributeValue>> before,
                Map<String, Map<String, AttributeValue>> after,
                Expected expected) {
            Set<String> changed = new TreeSet<>(before.keySet());
            changed.addAll(after.keySet());
            changed.removeIf(key -> before.get(key) != null && before.get(key).equals(after.get(key)));
            if (expected.refused() || cell.operation().equals("getAll")) {
                assertEquals(Set.of(), changed, "nothing is written");
                return;
            }
            for (String key : changed) {
                // Both sides: an item of the other chain taken over by the own chain is a write to the other chain too.
                for (Map<String, AttributeValue> item : Arrays.asList(before.get(key), after.get(key))) {
                    if (item != null) {
                        assertEquals(side.own().toString(), chainOf(item), "written outside the own chain: " + key);
                    }
                }
            }
            Set<String> meant = new TreeSet<>();
            if (cell.operation().equals("delete")) {
                request.get("LoyaltyMembershipIds").forEach(id -> meant.add(id.asText()));
            } else {
                meant.addAll(ids(response.memberships()));
            }
            Set<String> written = changed.stream()
                    .map(after::get)
                    .filter(TenantIsolationTest::isMembership)
                    .map(item -> item.get(TableDefinition.ID).s())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(meant, written, "exactly the memberships the request names or creates are written");
        }

        /** Status and body, with what differs between two runs by design masked: the other tenant's values, new Ids, RequestId. */
        JsonNode normalized() {
            String text = response.body();
            for (Map.Entry<String, String> value : placeholders().entrySet()) {
                text = text.replace(value.getKey(), value.getValue());
            }
            ObjectNode normalized = JSON.createObjectNode().put("Status", response.status());
            if (!text.isEmpty()) {
                ObjectNode body = (ObjectNode) parse(text);
                body.remove("RequestId");
                if (body.has("LoyaltyMemberships")) {
                    body.get("LoyaltyMemberships").forEach(m -> ((ObjectNode) m).put("Id", "<Id>"));
                    body.put("Cursor", body.get("Cursor").isNull() ? null : "<Id>");
                }
                normalized.set("Body", body);
            }
            return normalized;
        }

        /** The other tenant's values by role. */
        private Map<String, String> placeholders() {
            Map<String, String> roles = new HashMap<>(Map.of(
                    other.chain().toString(),
                    "<chain>",
                    other.active(),
                    "<membership>",
                    other.deleted(),
                    "<deleted membership>",
                    other.account().toString(),
                    "<account>",
                    other.program().toString(),
                    "<program>",
                    other.number(),
                    "<number>",
                    other.providerId(),
                    "<provider Id>"));
            if (fresh != null) {
                roles.putAll(Map.of(
                        fresh.account().toString(),
                        "<fresh account>",
                        fresh.number(),
                        "<fresh number>",
                        fresh.providerId(),
                        "<fresh provider Id>"));
            }
            return roles;
        }
    }

    // ---- requests and storage ----

    /** A write body for any chain, through a token that may write it. */
    private static ObjectNode writeTo(UUID chain) {
        return body(chain.equals(CHAIN_C) ? CHAIN_C_ACCESS_TOKEN : PORTFOLIO_ACCESS_TOKEN)
                .put("ChainId", chain.toString());
    }

    private static List<String> addTo(UUID chain, ObjectNode... items) {
        return api.add(chain.equals(CHAIN_C) ? CHAIN_C_ACCESS_TOKEN : PORTFOLIO_ACCESS_TOKEN, chain, items).stream()
                .map(m -> m.get("Id").asText())
                .toList();
    }

    /** The side's write body, naming the other chain (or the ghost's) as ChainId. */
    private static ObjectNode naming(Side side, Run run) {
        return side.write().put("ChainId", run.other.chain().toString());
    }

    private static ObjectNode adding(ObjectNode body, ObjectNode item) {
        return set(body, "LoyaltyMemberships", array(item));
    }

    private static ObjectNode updating(ObjectNode body, ObjectNode... changes) {
        return set(body, "LoyaltyMembershipUpdates", array((Object[]) changes));
    }

    private static ObjectNode deleting(ObjectNode body, String... ids) {
        return set(body, "LoyaltyMembershipIds", array((Object[]) ids));
    }

    private static ObjectNode change(String id, String property, Object value) {
        return set(JSON.createObjectNode().put("LoyaltyMembershipId", id), property, wrapped(value));
    }

    private static ObjectNode points(String id) {
        return change(id, "Points", 7);
    }

    /** A change of every kind a foreign update could do harm with, the primary pointer included. */
    private static ObjectNode takeOver(String id) {
        ObjectNode change = points(id);
        change.set("IsPrimary", wrapped(true));
        change.set("State", wrapped("Canceled"));
        return change;
    }

    private static ObjectNode cursor(String id) {
        return set(props(), "Limitation", limitation(100).put("Cursor", id));
    }

    private static ObjectNode set(ObjectNode object, String property, JsonNode value) {
        object.set(property, value);
        return object;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every stored item by key, except the tokens': each request moves its access token's rate limit state. What is
     * left is the tenants' data: memberships and primary pointers, each with its ChainId.
     */
    private static Map<String, Map<String, AttributeValue>> stored() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        api.dynamoDb
                .scanPaginator(scan -> scan.tableName(api.tableName).consistentRead(true))
                .items()
                .forEach(item -> {
                    String pk = item.get(TableDefinition.PK).s();
                    String sk = item.get(TableDefinition.SK).s();
                    if (!sk.equals("TOKEN") && !pk.equals("TOKENS")) {
                        items.put(pk + " " + sk, item);
                    }
                });
        return items;
    }

    private static String chainOf(Map<String, AttributeValue> item) {
        AttributeValue chain = item.get("ChainId");
        return chain == null ? null : chain.s();
    }

    private static boolean isMembership(Map<String, AttributeValue> item) {
        return item != null && item.get(TableDefinition.PK).s().startsWith("MEMBERSHIP#");
    }
}
