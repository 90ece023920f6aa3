package com.loyaltymemberships.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.membership.MembershipIds;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The warm-CPU floor: the same DynamoDB requests as the service's getAll (one chain, no filter) and add (non-primary
 * items), issued directly on the low-level SDK client, with the same JSON work (the event body parsed with Jackson,
 * the Mews response written with Jackson, one request log line) and nothing else: no validation, no Enhanced Client,
 * no domain objects.
 */
final class RawApi {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final Map<String, String> TOKEN_NAMES = Map.of("#pk", "PK", "#log", "RateLog", "#client", "ClientTokenHash",
            "#revoked", "RevokedUtc");
    private static final String TOKEN_CONDITION = "attribute_exists(#pk) AND #client = :client AND attribute_not_exists(#revoked)";
    private static final String TOKEN_UPDATE = "SET #log[100000] = :now REMOVE #log[0]";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ObjectMapper json = new ObjectMapper();
    private final RequestLog log;
    private final MembershipIds ids = new MembershipIds(Clock.systemUTC());

    RawApi(DynamoDbClient dynamoDb, String table, RequestLog log) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.log = log;
    }

    APIGatewayV2HTTPResponse getAll(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        JsonNode body = parse(event);
        authenticate(body);
        String chain = body.get("ChainIds").get(0).asText();
        int count = body.get("Limitation").get("Count").asInt();
        QueryResponse page = dynamoDb.query(q -> q.tableName(table).indexName("ByChain")
                .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", "ListKey"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(chain + "#A")))
                .scanIndexForward(false).limit(count));
        List<Map<String, AttributeValue>> items = page.items().subList(0, Math.min(count, page.items().size()));
        ObjectNode answer = json.createObjectNode();
        ArrayNode memberships = answer.putArray("LoyaltyMemberships");
        items.forEach(item -> memberships.add(view(item)));
        answer.put("Cursor", items.isEmpty() ? null : items.get(items.size() - 1).get("Id").s());
        return respond(answer, "getAll", items.size(), started);
    }

    APIGatewayV2HTTPResponse add(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        JsonNode body = parse(event);
        authenticate(body);
        String chain = body.get("ChainId").asText();
        Instant now = Instant.now();
        String at = Timestamps.toMillis(now);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<TransactWriteItem> puts = new ArrayList<>();
        for (JsonNode in : body.get("LoyaltyMemberships")) {
            UUID id = ids.next();
            Map<String, AttributeValue> item = item(id, chain, in, at);
            items.add(item);
            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "PK")).build()).build());
        }
        dynamoDb.transactWriteItems(t -> t.transactItems(puts).clientRequestToken(UUID.randomUUID().toString()));
        ObjectNode answer = json.createObjectNode();
        ArrayNode memberships = answer.putArray("LoyaltyMemberships");
        items.forEach(item -> memberships.add(view(item)));
        return respond(answer, "add", items.size(), started);
    }

    private JsonNode parse(APIGatewayV2HTTPEvent event) {
        try {
            return json.readTree(event.getBody().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's one request of overhead, as it sends it. */
    private void authenticate(JsonNode body) {
        String client = TokenHash.of(body.get("ClientToken").asText());
        String access = TokenHash.of(body.get("AccessToken").asText());
        Map<String, AttributeValue> token = dynamoDb.updateItem(u -> u.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("ACCESS_TOKEN#" + access), "SK", AttributeValue.fromS("TOKEN")))
                .conditionExpression(TOKEN_CONDITION).updateExpression(TOKEN_UPDATE).expressionAttributeNames(TOKEN_NAMES)
                .expressionAttributeValues(Map.of(":client", AttributeValue.fromS(client),
                        ":now", AttributeValue.fromN(Long.toString(System.currentTimeMillis()))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        if (!token.containsKey("ChainIds")) {
            throw new IllegalStateException("no scope");
        }
    }

    private Map<String, AttributeValue> item(UUID id, String chain, JsonNode in, String at) {
        String list = chain + "#A";
        Map<String, AttributeValue> item = new HashMap<>();
        String account = in.get("AccountId").asText();
        String program = in.get("LoyaltyProgramId").asText();
        String state = in.path("State").asText("New");
        item.put("PK", AttributeValue.fromS("MEMBERSHIP#" + id));
        item.put("SK", AttributeValue.fromS("MEMBERSHIP"));
        item.put("ListKey", AttributeValue.fromS(list));
        item.put("Id", AttributeValue.fromS(id.toString()));
        item.put("UpdatedKey", AttributeValue.fromS(at + "#" + id));
        item.put("AccountKey", AttributeValue.fromS(list + "#" + account));
        item.put("ProgramKey", AttributeValue.fromS(list + "#" + program));
        item.put("StateKey", AttributeValue.fromS(list + "#" + state));
        item.put("ChainId", AttributeValue.fromS(chain));
        item.put("AccountId", AttributeValue.fromS(account));
        item.put("LoyaltyProgramId", AttributeValue.fromS(program));
        item.put("State", AttributeValue.fromS(state));
        item.put("IsPrimary", AttributeValue.fromBool(in.path("IsPrimary").asBoolean()));
        if (in.hasNonNull("MembershipNumber")) {
            item.put("MembershipNumber", AttributeValue.fromS(in.get("MembershipNumber").asText()));
            item.put("NumberKey", AttributeValue.fromS(list + "#" + in.get("MembershipNumber").asText()));
        }
        if (in.hasNonNull("Points")) {
            item.put("Points", AttributeValue.fromN(Integer.toString(in.get("Points").asInt())));
        }
        if (in.hasNonNull("ExpirationDate")) {
            item.put("ExpirationDate", AttributeValue.fromS(Timestamps.toSeconds(Instant.parse(in.get("ExpirationDate").asText()))));
        }
        if (in.hasNonNull("Url")) {
            item.put("Url", AttributeValue.fromS(in.get("Url").asText()));
        }
        item.put("CreatorProfile", AttributeValue.fromS("Integration"));
        item.put("UpdaterProfile", AttributeValue.fromS("Integration"));
        item.put("CreatedUtc", AttributeValue.fromS(at));
        item.put("UpdatedUtc", AttributeValue.fromS(at));
        item.put("ActivityState", AttributeValue.fromS("Active"));
        item.put("Version", AttributeValue.fromN("1"));
        return item;
    }

    /** The Mews membership object, its properties in order (SPEC §3). */
    private ObjectNode view(Map<String, AttributeValue> item) {
        ObjectNode m = json.createObjectNode();
        m.put("Id", s(item, "Id"));
        m.put("ChainId", s(item, "ChainId"));
        m.put("AccountId", s(item, "AccountId"));
        m.put("LoyaltyProgramId", s(item, "LoyaltyProgramId"));
        m.put("State", s(item, "State"));
        m.put("IsPrimary", item.get("IsPrimary").bool());
        m.put("ProviderMembershipId", s(item, "ProviderMembershipId"));
        m.put("Code", s(item, "MembershipNumber"));
        m.put("MembershipNumber", s(item, "MembershipNumber"));
        if (item.containsKey("Points")) {
            m.put("Points", Integer.parseInt(item.get("Points").n()));
        } else {
            m.putNull("Points");
        }
        m.put("ExpirationDate", s(item, "ExpirationDate"));
        m.put("Url", s(item, "Url"));
        m.put("LoyaltyTierId", s(item, "LoyaltyTierId"));
        m.putObject("CreatorProfile").put("Discriminator", s(item, "CreatorProfile")).putNull("EnterpriseProfile");
        m.putObject("UpdaterProfile").put("Discriminator", s(item, "UpdaterProfile")).putNull("EnterpriseProfile");
        return m;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private APIGatewayV2HTTPResponse respond(ObjectNode answer, String operation, int items, long started) {
        String requestId = UUID.randomUUID().toString();
        String body;
        try {
            body = new String(json.writeValueAsBytes(answer), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.record(requestId, operation, 200, (System.nanoTime() - started) / 1e6, items);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Request-Id", requestId, "Content-Type", JSON_UTF8)).withBody(body).build();
    }
}
