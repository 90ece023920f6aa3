package com.loyaltymemberships.bench.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.JsonCodec;
import com.loyaltymemberships.contract.MembershipsResponse;
import com.loyaltymemberships.contract.RequestBinder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Profile: {@link BareGetAll} plus the service's JSON work (JsonCodec: parse the body, bind GetAllRequest, write a page). */
public final class ProfileGetAllJson extends BareGetAll {

    @Override
    protected String call(DynamoDbClient dynamoDb, APIGatewayV2HTTPEvent event) {
        JsonCodec json = new JsonCodec();
        GetAllRequest request =
                RequestBinder.getAll(json.parseObject(event.getBody().getBytes(StandardCharsets.UTF_8)));
        super.call(dynamoDb, event);
        return new String(json.write(MembershipsResponse.of(List.of())), StandardCharsets.UTF_8)
                + (request == null ? "" : "");
    }
}
