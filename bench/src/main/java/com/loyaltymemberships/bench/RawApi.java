package com.loyaltymemberships.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.loyaltymemberships.access.TokenHash;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.dynamodb.TableDefinition.Index;
import com.loyaltymemberships.logging.RequestLog;
import com.loyaltymemberships.membership.MembershipIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The warm-CPU floor: the same DynamoDB requests as the service's getAll (one chain, no filter) and add (non-primary
 * items), issued directly on the low-level SDK client, with the same JSON work (the event body parsed with jackson-core
 * into plain maps and lists, the Mews response written with jackson-core's generator, one request log line) and nothing
 * else: no validation, no Enhanced Client, no domain objects.
 */
final class RawApi {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final Map<String, String> TOKEN_NAMES = Map.of(
            "#pk", "PK", "#tat", "RateTat", "#log", "RateLog", "#client", "ClientTokenHash", "#revoked", "RevokedUtc");
    private static final String TOKEN_CONDITION =
            "attribute_exists(#pk) AND #client = :client AND attribute_not_exists(#revoked)";
    /** The service's update of an idle token's rate state (a busy one's adds to it instead: the same cost). */
    private static final String TOKEN_UPDATE = "SET #tat = :next REMOVE #log";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private static final JsonFactory JSON = new JsonFactory();

    private final RequestLog log;
    private final MembershipIds ids = new MembershipIds(Clock.systemUTC());

    RawApi(DynamoDbClient dynamoDb, String table, RequestLog log) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.log = log;
    }

    APIGatewayV2HTTPResponse getAll(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        Map<?, ?> body = parse(event);
        authenticate(body);
        String chain = (String) ((List<?>) body.get("ChainIds")).get(0);
        int count = ((Number) ((Map<?, ?>) body.get("Limitation")).get("Count")).intValue();
        QueryResponse page = dynamoDb.query(q -> q.tableName(table)
                .indexName(Index.BY_CHAIN.indexName())
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", "ListKey"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(chain + "#A")))
                .scanIndexForward(false)
                .limit(count));
        // The index holds keys: the items are a second read, as the service's (up to 100, the bench's Count).
        List<Map<String, AttributeValue>> keys = page
                .items()
                .subList(0, Math.min(count, page.items().size()))
                .stream()
                .map(entry -> Map.of("PK", entry.get("PK"), "SK", entry.get("SK")))
                .toList();
        List<Map<String, AttributeValue>> items = keys.isEmpty()
                ? List.of()
                : dynamoDb.batchGetItem(b -> b.requestItems(Map.of(
                                table,
                                KeysAndAttributes.builder()
                                        .keys(keys)
                                        .consistentRead(true)
                                        .build())))
                        .responses()
                        .get(table);
        return respond(answer(items, true), "getAll", items.size(), started);
    }

    APIGatewayV2HTTPResponse add(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        Map<?, ?> body = parse(event);
        authenticate(body);
        String chain = (String) body.get("ChainId");
        Instant now = Instant.now();
        String at = Timestamps.toMillis(now);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<TransactWriteItem> puts = new ArrayList<>();
        for (Object in : (List<?>) body.get("LoyaltyMemberships")) {
            UUID id = ids.next();
            Map<String, AttributeValue> item = item(id, chain, (Map<?, ?>) in, at);
            items.add(item);
            puts.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(table)
                            .item(item)
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", "PK"))
                            .build())
                    .build());
        }
        dynamoDb.transactWriteItems(
                t -> t.transactItems(puts).clientRequestToken(UUID.randomUUID().toString()));
        return respond(answer(items, false), "add", items.size(), started);
    }

    private static Map<?, ?> parse(APIGatewayV2HTTPEvent event) {
        try (JsonParser parser = JSON.createParser(event.getBody().getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            return (Map<?, ?>) read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                object.put(name, read(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> array = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser));
            }
            return array;
        }
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
    }

    /** The service's one request of overhead, as it sends it. */
    private void authenticate(Map<?, ?> body) {
        String client = TokenHash.of((String) body.get("ClientToken"));
        String access = TokenHash.of((String) body.get("AccessToken"));
        Map<String, AttributeValue> token = dynamoDb.updateItem(u -> u.tableName(table)
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS("ACCESS_TOKEN#" + access),
                                "SK",
                                AttributeValue.fromS("TOKEN")))
                        .conditionExpression(TOKEN_CONDITION)
                        .updateExpression(TOKEN_UPDATE)
                        .expressionAttributeNames(TOKEN_NAMES)
                        .expressionAttributeValues(Map.of(
                                ":client",
                                AttributeValue.fromS(client),
                                ":next",
                                AttributeValue.fromN(Long.toString(System.currentTimeMillis() * 1000 + 150_000))))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        if (!token.containsKey("ChainIds")) {
            throw new IllegalStateException("no scope");
        }
    }

    private Map<String, AttributeValue> item(UUID id, String chain, Map<?, ?> in, String at) {
        String list = chain + "#A";
        Map<String, AttributeValue> item = new HashMap<>();
        String account = (String) in.get("AccountId");
        String program = (String) in.get("LoyaltyProgramId");
        String state = in.get("State") instanceof String s ? s : "New";
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
        item.put("IsPrimary", AttributeValue.fromBool(Boolean.TRUE.equals(in.get("IsPrimary"))));
        if (in.get("MembershipNumber") instanceof String number) {
            item.put("MembershipNumber", AttributeValue.fromS(number));
            item.put("NumberKey", AttributeValue.fromS(list + "#" + number));
        }
        if (in.get("Points") instanceof Number points) {
            item.put("Points", AttributeValue.fromN(Integer.toString(points.intValue())));
        }
        if (in.get("ExpirationDate") instanceof String date) {
            item.put("ExpirationDate", AttributeValue.fromS(Timestamps.toSeconds(Instant.parse(date))));
        }
        if (in.get("Url") instanceof String url) {
            item.put("Url", AttributeValue.fromS(url));
        }
        item.put("CreatorProfile", AttributeValue.fromS("Integration"));
        item.put("UpdaterProfile", AttributeValue.fromS("Integration"));
        item.put("CreatedUtc", AttributeValue.fromS(at));
        item.put("UpdatedUtc", AttributeValue.fromS(at));
        item.put("ActivityState", AttributeValue.fromS("Active"));
        item.put("Version", AttributeValue.fromN("1"));
        return item;
    }

    /** The Mews answer: the memberships, each with its properties in order (SPEC §3), and for a page its Cursor. */
    private static byte[] answer(List<Map<String, AttributeValue>> items, boolean page) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("LoyaltyMemberships");
            for (Map<String, AttributeValue> item : items) {
                view(out, item);
            }
            out.writeEndArray();
            if (page) {
                out.writeStringField("Cursor", items.isEmpty() ? null : s(items.get(items.size() - 1), "Id"));
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void view(JsonGenerator out, Map<String, AttributeValue> item) throws IOException {
        out.writeStartObject();
        out.writeStringField("Id", s(item, "Id"));
        out.writeStringField("ChainId", s(item, "ChainId"));
        out.writeStringField("AccountId", s(item, "AccountId"));
        out.writeStringField("LoyaltyProgramId", s(item, "LoyaltyProgramId"));
        out.writeStringField("State", s(item, "State"));
        out.writeBooleanField("IsPrimary", item.get("IsPrimary").bool());
        out.writeStringField("ProviderMembershipId", s(item, "ProviderMembershipId"));
        out.writeStringField("Code", s(item, "MembershipNumber"));
        out.writeStringField("MembershipNumber", s(item, "MembershipNumber"));
        if (item.containsKey("Points")) {
            out.writeNumberField("Points", Integer.parseInt(item.get("Points").n()));
        } else {
            out.writeNullField("Points");
        }
        out.writeStringField("ExpirationDate", s(item, "ExpirationDate"));
        out.writeStringField("Url", s(item, "Url"));
        out.writeStringField("LoyaltyTierId", s(item, "LoyaltyTierId"));
        for (String profile : List.of("CreatorProfile", "UpdaterProfile")) {
            out.writeObjectFieldStart(profile);
            out.writeStringField("Discriminator", s(item, profile));
            out.writeNullField("EnterpriseProfile");
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private APIGatewayV2HTTPResponse respond(byte[] answer, String operation, int items, long started) {
        String requestId = UUID.randomUUID().toString();
        String body = new String(answer, StandardCharsets.UTF_8);
        log.record(requestId, operation, 200, (System.nanoTime() - started) / 1e6, items);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Request-Id", requestId, "Content-Type", JSON_UTF8))
                .withBody(body)
                .build();
    }
}
