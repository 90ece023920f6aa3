package com.loyaltymemberships.pipeline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.loyaltymemberships.contract.Operation;
import java.util.Map;

/**
 * Requests a handler runs on itself before Lambda takes its SnapStart snapshot, so that the restored
 * JVM already has JSON (parsing, binding, writing), validation, the DynamoDB client (its classes, TLS,
 * signing, a connection) and the error path loaded and warm. The tokens are made up: the request is
 * refused with 401 after one token lookup, so priming never writes anything.
 */
final class Priming {

    private static final String AUTH = "\"ClientToken\": \"SnapStart-priming\", \"AccessToken\": \"SnapStart-priming\", \"Client\": \"SnapStart priming\"";

    private static final Map<Operation, String> BODIES = Map.of(
            Operation.GET_ALL, "{" + AUTH + ", \"ChainIds\": [\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"],"
                    + " \"CreatedUtc\": {\"StartUtc\": \"2022-10-15T00:00:00Z\", \"EndUtc\": \"2022-10-20T00:00:00Z\"},"
                    + " \"MembershipStates\": [\"Enrolled\"], \"Limitation\": {\"Count\": 10}}",
            Operation.ADD, "{" + AUTH + ", \"ChainId\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"LoyaltyMemberships\": [{"
                    + "\"AccountId\": \"fadd5bb6-b428-45d5-94f8-fd0d89fece6d\", \"LoyaltyProgramId\": \"f701dafb-5765-4cf4-b1dd-1f602a740ae5\","
                    + " \"IsPrimary\": true, \"State\": \"Enrolled\", \"MembershipNumber\": \"M-1\", \"Points\": 1,"
                    + " \"ExpirationDate\": \"2029-12-24T00:00:00Z\", \"Url\": \"https://example.com/m/1\"}]}",
            Operation.UPDATE, "{" + AUTH + ", \"LoyaltyMembershipUpdates\": [{\"LoyaltyMembershipId\": \"905a4489-0960-4ac9-96ec-793f47365c92\","
                    + " \"State\": {\"Value\": \"Canceled\"}, \"Points\": {\"Value\": 42}, \"Url\": {\"Value\": null}}]}",
            Operation.DELETE, "{" + AUTH + ", \"LoyaltyMembershipIds\": [\"905a4489-0960-4ac9-96ec-793f47365c92\"]}");

    private Priming() {}

    static String body(Operation operation) {
        return BODIES.get(operation);
    }

    static APIGatewayV2HTTPEvent event(Operation operation) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(operation.path())
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body(operation))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(operation.path()).build())
                        .build())
                .build();
    }
}
