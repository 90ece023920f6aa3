package com.loyaltymemberships.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.devkit.DynamoDbCallCounter;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.TableNames;
import com.loyaltymemberships.dynamodb.MembershipItems;
import com.loyaltymemberships.local.DemoTokens;
import com.loyaltymemberships.local.HttpApiEvents;
import com.loyaltymemberships.local.LocalContext;
import com.loyaltymemberships.local.LocalTable;
import com.loyaltymemberships.local.Router;
import com.loyaltymemberships.membership.MembershipIds;
import com.loyaltymemberships.pipeline.LoyaltyApi;
import com.loyaltymemberships.pipeline.Operation;
import com.loyaltymemberships.pipeline.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB cost of each kind of API call, counted on a real engine: a fresh table with the demo tokens, a few
 * target memberships in chain A that the filters below find (account {@link #ACCOUNT}, program {@link #PROGRAM},
 * Enrolled, numbers T-1…T-5, provider Id PRV-T-1 on the first, the fifth deleted), and then {@code others} other
 * memberships in the same chain, created after them (so newer, listed first), each of another account, another
 * program, Pending, without numbers: what a filter served by a key never reads.
 *
 * <p>The others are copies of a target's stored item with new Ids and keys, written with BatchWriteItem (moto's
 * TransactWriteItems copies the table once per action, see ENGINES.md), so a chain of 3,000 takes a few seconds.
 *
 * <p>Every call goes through the real handlers (as API Gateway events) on a client with a {@link DynamoDbCallCounter};
 * each {@link Result} has the DynamoDB calls of one API call.
 */
public final class CostScenarios {

    public static final UUID CHAIN = DemoTokens.CHAIN_A;
    public static final UUID ACCOUNT = UUID.fromString("0b6c2d4e-1111-4a2b-8c3d-000000000001");
    public static final UUID PROGRAM = UUID.fromString("0b6c2d4e-2222-4a2b-8c3d-000000000002");
    public static final UUID OTHER_PROGRAM = UUID.fromString("0b6c2d4e-3333-4a2b-8c3d-000000000003");
    public static final int TARGETS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One API call and what it cost. */
    public record Result(String name, int status, int answered, List<DynamoDbCallCounter.CountedCall> calls) {

        /** The first call: authentication and rate limit (one conditional UpdateItem on the access token's item). */
        public DynamoDbCallCounter.CountedCall overhead() {
            return calls.get(0);
        }

        /** The operation's own calls, after the overhead. */
        public List<DynamoDbCallCounter.CountedCall> own() {
            return calls.subList(1, calls.size());
        }

        public DynamoDbCallCounter.Totals ownTally() {
            return DynamoDbCallCounter.Totals.of(own());
        }

        public DynamoDbCallCounter.Totals tally() {
            return DynamoDbCallCounter.Totals.of(calls);
        }

        /** Calls on a token's partitions (client or access token items): the authentication and rate-limit overhead. */
        public long tokenCalls() {
            return calls.stream()
                    .filter(c -> c.target().startsWith("ACCESS_TOKEN#")
                            || c.target().startsWith("CLIENT_TOKEN#")
                            || c.target().startsWith("RATE#"))
                    .count();
        }
    }

    /** A getAll case: its name, the filters (Limitation included), and whether one key condition can serve it. */
    public record GetAllCase(String name, ObjectNode properties, boolean keyServed) {}

    private final DynamoDbClient plain;
    private final DynamoDbCallCounter counter;
    private final String tableName;
    private final Router router;
    private final List<String> targetIds = new ArrayList<>();
    private final int others;
    private Instant targetsFrom;
    private Instant targetsUntil;

    private CostScenarios(
            DynamoDbClient plain, DynamoDbClient counted, DynamoDbCallCounter counter, String tableName, int others) {
        this.plain = plain;
        this.counter = counter;
        this.tableName = tableName;
        this.others = others;
        // As deployed (200 requests per token in 30 s) but in a 1 s window, so that many calls in a row are never
        // limited.
        Settings settings =
                Settings.fromEnvironment().withTableName(tableName).withRateLimit(Settings.DEFAULT_RATE_LIMIT, 1);
        this.router = new Router(LoyaltyApi.create(settings, counted, Clock.systemUTC()));
    }

    /**
     * A fresh table on {@code engine} with the targets and {@code others} other memberships; {@code counted} is a
     * client of the engine that carries {@code counter} (the service uses it), {@code plain} one that does not.
     */
    public static CostScenarios create(
            DynamoDbClient plain, DynamoDbClient counted, DynamoDbCallCounter counter, int others) {
        String table = TableNames.unique("cost");
        LocalTable.prepare(plain, table);
        CostScenarios scenarios = new CostScenarios(plain, counted, counter, table, others);
        scenarios.seed();
        return scenarios;
    }

    /** {@link #create} with two new clients of {@code engine}. */
    public static CostScenarios create(DynamoDbEngine engine, int others) {
        DynamoDbCallCounter counter = new DynamoDbCallCounter();
        return create(engine.newClient(), engine.newClient(counter), counter, others);
    }

    public String tableName() {
        return tableName;
    }

    public int others() {
        return others;
    }

    public List<String> targetIds() {
        return List.copyOf(targetIds);
    }

    private void seed() {
        targetsFrom = Instant.now();
        pause();
        ArrayNode items = JSON.createArrayNode();
        for (int i = 1; i <= TARGETS; i++) {
            items.add(item(ACCOUNT, PROGRAM, false).put("State", "Enrolled").put("MembershipNumber", "T-" + i));
        }
        Result added = post("add", write().put("ChainId", CHAIN.toString()).set("LoyaltyMemberships", items));
        require(added, 200);
        // add answers in request order.
        JsonNode body = parse(lastBody);
        body.get("LoyaltyMemberships").forEach(m -> targetIds.add(m.get("Id").asText()));
        ObjectNode update = JSON.createObjectNode().put("LoyaltyMembershipId", targetIds.get(0));
        update.set("ProviderMembershipId", JSON.createObjectNode().put("Value", "PRV-T-1"));
        require(
                post(
                        "update",
                        write().put("ChainId", CHAIN.toString())
                                .set(
                                        "LoyaltyMembershipUpdates",
                                        JSON.createArrayNode().add(update))),
                200);
        require(
                post(
                        "delete",
                        write().put("ChainId", CHAIN.toString())
                                .set(
                                        "LoyaltyMembershipIds",
                                        JSON.createArrayNode().add(targetIds.get(TARGETS - 1)))),
                200);
        pause();
        targetsUntil = Instant.now();
        pause();
        seedOthers(targetIds.get(1));
        counter.drain();
    }

    /** {@code others} copies of the stored item of {@code templateId}, each a membership of its own. */
    private void seedOthers(String templateId) {
        Map<String, AttributeValue> template = stored(templateId);
        String created = template.get("CreatedUtc").s();
        String updated = template.get("UpdatedUtc").s();
        MembershipIds ids = new MembershipIds(Clock.systemUTC());
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            UUID id = ids.next();
            String at = Timestamps.toMillis(MembershipIds.createdAt(id));
            String account = UUID.randomUUID().toString();
            Function<String, String> rewrite = s -> s.replace(templateId, id.toString())
                    .replace(ACCOUNT.toString(), account)
                    .replace(PROGRAM.toString(), OTHER_PROGRAM.toString())
                    .replace("#Enrolled", "#Pending")
                    .replace(created, at)
                    .replace(updated, at);
            Map<String, AttributeValue> item = new HashMap<>();
            template.forEach((name, value) -> {
                if (value.s() != null) {
                    item.put(name, AttributeValue.fromS(rewrite.apply(value.s())));
                } else {
                    item.put(name, value);
                }
            });
            item.put("State", AttributeValue.fromS("Pending"));
            item.remove("MembershipNumber");
            // Keys as the service computes them (the write shard comes from the new Id).
            Map<String, AttributeValue> stored = MembershipItems.of(MembershipItems.read(item));
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(stored).build())
                    .build());
            if (batch.size() == 25 || i == others - 1) {
                writeBatch(batch);
                batch = new ArrayList<>();
            }
        }
    }

    /** The stored item of membership {@code id}, read consistently. */
    public Map<String, AttributeValue> stored(String id) {
        return plain.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS("MEMBERSHIP#" + id),
                                "SK",
                                AttributeValue.fromS("MEMBERSHIP"))))
                .item();
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        while (!pending.isEmpty() && !pending.getOrDefault(tableName, List.of()).isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = plain.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    // ---- the cases ----

    /** Every getAll filter alone, and the usual combinations, in chain A (Count 100 unless said). */
    public List<GetAllCase> getAllCases() {
        List<GetAllCase> cases = new ArrayList<>();
        cases.add(new GetAllCase("listing, Count 10", props(10), true));
        cases.add(new GetAllCase("listing, Count 100", props(100), true));
        cases.add(new GetAllCase("listing, next page (Cursor)", cursorPage(props(10)), true));
        cases.add(new GetAllCase(
                "listing after a deleted membership (Cursor)",
                props(10)
                        .set(
                                "Limitation",
                                JSON.createObjectNode().put("Count", 10).put("Cursor", targetIds.get(TARGETS - 1))),
                true));
        cases.add(new GetAllCase(
                "UpdatedUtc, next page (Cursor)",
                cursorPage(props(10)
                        .set("UpdatedUtc", interval(targetsFrom, Instant.now().plusSeconds(60)))),
                true));
        cases.add(new GetAllCase(
                "LoyaltyMembershipIds (2)",
                props(100).set("LoyaltyMembershipIds", array(targetIds.get(0), targetIds.get(1))),
                true));
        cases.add(new GetAllCase("AccountIds", props(100).set("AccountIds", array(ACCOUNT)), true));
        cases.add(new GetAllCase("LoyaltyProgramIds", props(100).set("LoyaltyProgramIds", array(PROGRAM)), true));
        cases.add(new GetAllCase(
                "MembershipStates [Enrolled]", props(100).set("MembershipStates", array("Enrolled")), true));
        cases.add(new GetAllCase("MembershipNumbers", props(100).set("MembershipNumbers", array("T-2")), true));
        cases.add(new GetAllCase(
                "ProviderMembershipIds", props(100).set("ProviderMembershipIds", array("PRV-T-1")), true));
        cases.add(new GetAllCase(
                "CreatedUtc (the targets' interval)",
                props(100).set("CreatedUtc", interval(targetsFrom, targetsUntil)),
                true));
        cases.add(new GetAllCase(
                "UpdatedUtc (the targets' interval)",
                props(100).set("UpdatedUtc", interval(targetsFrom, targetsUntil)),
                true));
        cases.add(new GetAllCase("ActivityStates [Deleted]", props(100).set("ActivityStates", array("Deleted")), true));
        cases.add(new GetAllCase(
                "AccountIds + MembershipStates",
                props(100).<ObjectNode>set("AccountIds", array(ACCOUNT)).set("MembershipStates", array("Enrolled")),
                false));
        cases.add(new GetAllCase(
                "LoyaltyProgramIds + MembershipStates",
                props(100)
                        .<ObjectNode>set("LoyaltyProgramIds", array(PROGRAM))
                        .set("MembershipStates", array("Enrolled")),
                false));
        cases.add(new GetAllCase(
                "AccountIds + CreatedUtc",
                props(100)
                        .<ObjectNode>set("AccountIds", array(ACCOUNT))
                        .set("CreatedUtc", interval(targetsFrom, targetsUntil)),
                true));
        cases.add(new GetAllCase(
                "AccountIds + UpdatedUtc",
                props(100)
                        .<ObjectNode>set("AccountIds", array(ACCOUNT))
                        .set("UpdatedUtc", interval(targetsFrom, targetsUntil)),
                false));
        cases.add(new GetAllCase(
                "LoyaltyProgramIds + UpdatedUtc (window holds the others too)",
                props(100)
                        .<ObjectNode>set("LoyaltyProgramIds", array(PROGRAM))
                        .set("UpdatedUtc", interval(targetsFrom, Instant.now().plusSeconds(60))),
                true));
        cases.add(new GetAllCase(
                "MembershipStates + UpdatedUtc (window holds the others too)",
                props(100)
                        .<ObjectNode>set("MembershipStates", array("Enrolled"))
                        .set("UpdatedUtc", interval(targetsFrom, Instant.now().plusSeconds(60))),
                true));
        cases.add(new GetAllCase(
                "ActivityStates [Active, Deleted] + AccountIds",
                props(100)
                        .<ObjectNode>set("AccountIds", array(ACCOUNT))
                        .set("ActivityStates", array("Active", "Deleted")),
                false));
        ObjectNode bothChains = props(10);
        bothChains.remove("ChainIds");
        cases.add(new GetAllCase("listing of two chains (portfolio token, no ChainIds), Count 10", bothChains, false));
        return cases;
    }

    public Result getAll(GetAllCase c) {
        ObjectNode body = auth();
        body.setAll(c.properties());
        return post("getAll", body);
    }

    /** add of {@code n} new memberships of new accounts, non-primary unless {@code primary}. */
    public Result add(int n, boolean primary) {
        return add(n, primary, null);
    }

    /** add of one primary membership for an account that has a primary already (the rule demotes it). */
    public Result addPrimaryReplacing() {
        UUID account = UUID.randomUUID();
        require(add(1, true, account), 200);
        return add(1, true, account);
    }

    private Result add(int n, boolean primary, UUID account) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            items.add(item(account == null ? UUID.randomUUID() : account, PROGRAM, primary)
                    .put("State", "New"));
        }
        return post("add", write().put("ChainId", CHAIN.toString()).set("LoyaltyMemberships", items));
    }

    /** Ids answered by the last add. */
    public List<String> lastIds() {
        List<String> ids = new ArrayList<>();
        JsonNode body = parse(lastBody);
        if (body.has("LoyaltyMemberships")) {
            body.get("LoyaltyMemberships").forEach(m -> ids.add(m.get("Id").asText()));
        }
        return ids;
    }

    /** update of these memberships: a new State and Points; primary too if asked. */
    public Result update(List<String> ids, boolean makePrimary) {
        ArrayNode updates = JSON.createArrayNode();
        for (String id : ids) {
            ObjectNode u = JSON.createObjectNode().put("LoyaltyMembershipId", id);
            u.set("State", JSON.createObjectNode().put("Value", "Enrolled"));
            u.set("Points", JSON.createObjectNode().put("Value", 7));
            if (makePrimary) {
                u.set("IsPrimary", JSON.createObjectNode().put("Value", true));
            }
            updates.add(u);
        }
        return post("update", write().put("ChainId", CHAIN.toString()).set("LoyaltyMembershipUpdates", updates));
    }

    public Result delete(List<String> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(array::add);
        return post("delete", write().put("ChainId", CHAIN.toString()).set("LoyaltyMembershipIds", array));
    }

    /** An events/ sample's body (its tokens are the demo ones) sent as it is. */
    public Result sample(String operation, String eventJson) {
        try {
            String body = JSON.readTree(eventJson).get("body").asText();
            return post(operation, (ObjectNode) JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- plumbing ----

    private String lastBody = "{}";
    private int millisPerCall = LocalContext.FUNCTION_TIMEOUT_MILLIS;

    /**
     * Gives every call {@code millis} before its function would time out, instead of the deployed timeout: for
     * instruments that add requests of their own to every call (a meter reading each written item before and after),
     * under which a large write on a slow engine would otherwise stop short with a 503.
     */
    public void allowMillisPerCall(int millis) {
        this.millisPerCall = millis;
    }

    public synchronized Result post(String operation, ObjectNode body) {
        counter.drain();
        APIGatewayV2HTTPResponse response = router.route(
                HttpApiEvents.event(
                        "POST",
                        Operation.BASE_PATH + operation,
                        null,
                        Map.of("content-type", "application/json"),
                        body.toString().getBytes(StandardCharsets.UTF_8)),
                millisPerCall);
        lastBody = response.getBody() == null ? "{}" : response.getBody();
        JsonNode answer = parse(lastBody);
        int answered = answer.has("LoyaltyMemberships")
                ? answer.get("LoyaltyMemberships").size()
                : 0;
        return new Result(operation, response.getStatusCode(), answered, counter.drain());
    }

    public String lastBody() {
        return lastBody;
    }

    /** The filters of the page after the first of {@code properties}: the same, with the first page's Cursor. */
    private ObjectNode cursorPage(ObjectNode properties) {
        ObjectNode first = auth();
        first.setAll(properties);
        require(post("getAll", first), 200);
        JsonNode cursor = parse(lastBody).get("Cursor");
        ObjectNode next = properties.deepCopy();
        ((ObjectNode) next.get("Limitation")).put("Cursor", cursor.asText());
        return next;
    }

    private static ObjectNode auth() {
        return JSON.createObjectNode()
                .put("ClientToken", DemoTokens.CLIENT_TOKEN)
                .put("AccessToken", DemoTokens.PORTFOLIO_ACCESS_TOKEN)
                .put("Client", "loyalty-bench");
    }

    private static ObjectNode write() {
        return auth();
    }

    private static ObjectNode props(int count) {
        ObjectNode props = JSON.createObjectNode();
        props.set("ChainIds", array(CHAIN));
        props.set("Limitation", JSON.createObjectNode().put("Count", count));
        return props;
    }

    private static ObjectNode item(UUID account, UUID program, boolean primary) {
        return JSON.createObjectNode()
                .put("AccountId", account.toString())
                .put("LoyaltyProgramId", program.toString())
                .put("IsPrimary", primary);
    }

    private static ObjectNode interval(Instant from, Instant until) {
        return JSON.createObjectNode()
                .put("StartUtc", Timestamps.toMillis(from))
                .put("EndUtc", Timestamps.toMillis(until));
    }

    private static ArrayNode array(Object... values) {
        ArrayNode array = JSON.createArrayNode();
        for (Object v : values) {
            array.add(String.valueOf(v));
        }
        return array;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result require(Result result, int status) {
        if (result.status() != status) {
            throw new IllegalStateException(result.name() + " answered " + result.status() + ": " + lastBody);
        }
        return result;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
