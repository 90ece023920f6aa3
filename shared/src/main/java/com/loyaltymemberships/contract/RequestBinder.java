package com.loyaltymemberships.contract;

import static com.loyaltymemberships.contract.JsonFields.BOOLEAN;
import static com.loyaltymemberships.contract.JsonFields.INTEGER;
import static com.loyaltymemberships.contract.JsonFields.STRING;
import static com.loyaltymemberships.contract.JsonFields.object;

import com.loyaltymemberships.contract.JsonFields.Type;
import java.util.List;

/**
 * Reads a parsed body into its request record, property by property in the order sent (see {@link JsonFields}); each
 * operation names its binder (pipeline.Operation#bind). A record property is matched by its contract name in lower case;
 * whatever the body holds that no property matches is ignored, unread.
 */
public final class RequestBinder {

    private static final Type<GetAllRequest.TimeInterval> TIME_INTERVAL = object(RequestBinder::timeInterval);
    private static final Type<GetAllRequest.Limitation> LIMITATION = object(RequestBinder::limitation);
    private static final Type<AddRequest.Item> ADD_ITEM = object(RequestBinder::addItem);
    private static final Type<UpdateRequest.Item> UPDATE_ITEM = object(RequestBinder::updateItem);
    private static final Type<UpdateRequest.Value<String>> STRING_VALUE = value(STRING);
    private static final Type<UpdateRequest.Value<Integer>> INTEGER_VALUE = value(INTEGER);
    private static final Type<UpdateRequest.Value<Boolean>> BOOLEAN_VALUE = value(BOOLEAN);

    private RequestBinder() {}

    public static GetAllRequest getAll(JsonBody body) {
        return getAll(body.fields());
    }

    public static AddRequest add(JsonBody body) {
        return add(body.fields());
    }

    public static UpdateRequest update(JsonBody body) {
        return update(body.fields());
    }

    public static DeleteRequest delete(JsonBody body) {
        return delete(body.fields());
    }

    private static GetAllRequest getAll(JsonFields body) {
        List<String> chainIds = null;
        GetAllRequest.TimeInterval createdUtc = null;
        GetAllRequest.TimeInterval updatedUtc = null;
        List<String> loyaltyMembershipIds = null;
        List<String> accountIds = null;
        List<String> loyaltyProgramIds = null;
        List<String> membershipStates = null;
        List<String> activityStates = null;
        List<String> membershipNumbers = null;
        List<String> providerMembershipIds = null;
        List<String> codes = null;
        GetAllRequest.Limitation limitation = null;
        for (JsonFields.Field field : body.fields()) {
            switch (field.key()) {
                case "chainids" -> chainIds = field.list("ChainIds", STRING);
                case "createdutc" -> createdUtc = field.read("CreatedUtc", TIME_INTERVAL);
                case "updatedutc" -> updatedUtc = field.read("UpdatedUtc", TIME_INTERVAL);
                case "loyaltymembershipids" -> loyaltyMembershipIds = field.list("LoyaltyMembershipIds", STRING);
                case "accountids" -> accountIds = field.list("AccountIds", STRING);
                case "loyaltyprogramids" -> loyaltyProgramIds = field.list("LoyaltyProgramIds", STRING);
                case "membershipstates" -> membershipStates = field.list("MembershipStates", STRING);
                case "activitystates" -> activityStates = field.list("ActivityStates", STRING);
                case "membershipnumbers" -> membershipNumbers = field.list("MembershipNumbers", STRING);
                case "providermembershipids" -> providerMembershipIds = field.list("ProviderMembershipIds", STRING);
                case "codes" -> codes = field.list("Codes", STRING);
                case "limitation" -> limitation = field.read("Limitation", LIMITATION);
                default -> {}
            }
        }
        return new GetAllRequest(
                chainIds,
                createdUtc,
                updatedUtc,
                loyaltyMembershipIds,
                accountIds,
                loyaltyProgramIds,
                membershipStates,
                activityStates,
                membershipNumbers,
                providerMembershipIds,
                codes,
                limitation);
    }

    private static GetAllRequest.TimeInterval timeInterval(JsonFields interval) {
        String startUtc = null;
        String endUtc = null;
        for (JsonFields.Field field : interval.fields()) {
            switch (field.key()) {
                case "startutc" -> startUtc = field.read("StartUtc", STRING);
                case "endutc" -> endUtc = field.read("EndUtc", STRING);
                default -> {}
            }
        }
        return new GetAllRequest.TimeInterval(startUtc, endUtc);
    }

    private static GetAllRequest.Limitation limitation(JsonFields limitation) {
        Integer count = null;
        String cursor = null;
        for (JsonFields.Field field : limitation.fields()) {
            switch (field.key()) {
                case "count" -> count = field.read("Count", INTEGER);
                case "cursor" -> cursor = field.read("Cursor", STRING);
                default -> {}
            }
        }
        return new GetAllRequest.Limitation(count, cursor);
    }

    private static AddRequest add(JsonFields body) {
        String chainId = null;
        List<AddRequest.Item> loyaltyMemberships = null;
        for (JsonFields.Field field : body.fields()) {
            switch (field.key()) {
                case "chainid" -> chainId = field.read("ChainId", STRING);
                case "loyaltymemberships" -> loyaltyMemberships = field.list("LoyaltyMemberships", ADD_ITEM);
                default -> {}
            }
        }
        return new AddRequest(chainId, loyaltyMemberships);
    }

    private static AddRequest.Item addItem(JsonFields item) {
        String accountId = null;
        String loyaltyProgramId = null;
        Boolean isPrimary = null;
        String state = null;
        String membershipNumber = null;
        String code = null;
        Integer points = null;
        String expirationDate = null;
        String url = null;
        String loyaltyTierId = null;
        for (JsonFields.Field field : item.fields()) {
            switch (field.key()) {
                case "accountid" -> accountId = field.read("AccountId", STRING);
                case "loyaltyprogramid" -> loyaltyProgramId = field.read("LoyaltyProgramId", STRING);
                case "isprimary" -> isPrimary = field.read("IsPrimary", BOOLEAN);
                case "state" -> state = field.read("State", STRING);
                case "membershipnumber" -> membershipNumber = field.read("MembershipNumber", STRING);
                case "code" -> code = field.read("Code", STRING);
                case "points" -> points = field.read("Points", INTEGER);
                case "expirationdate" -> expirationDate = field.read("ExpirationDate", STRING);
                case "url" -> url = field.read("Url", STRING);
                case "loyaltytierid" -> loyaltyTierId = field.read("LoyaltyTierId", STRING);
                default -> {}
            }
        }
        return new AddRequest.Item(
                accountId,
                loyaltyProgramId,
                isPrimary,
                state,
                membershipNumber,
                code,
                points,
                expirationDate,
                url,
                loyaltyTierId);
    }

    private static UpdateRequest update(JsonFields body) {
        String chainId = null;
        List<UpdateRequest.Item> loyaltyMembershipUpdates = null;
        for (JsonFields.Field field : body.fields()) {
            switch (field.key()) {
                case "chainid" -> chainId = field.read("ChainId", STRING);
                case "loyaltymembershipupdates" ->
                    loyaltyMembershipUpdates = field.list("LoyaltyMembershipUpdates", UPDATE_ITEM);
                default -> {}
            }
        }
        return new UpdateRequest(chainId, loyaltyMembershipUpdates);
    }

    private static UpdateRequest.Item updateItem(JsonFields item) {
        String loyaltyMembershipId = null;
        UpdateRequest.Value<String> loyaltyProgramId = null;
        UpdateRequest.Value<String> state = null;
        UpdateRequest.Value<Boolean> isPrimary = null;
        UpdateRequest.Value<String> membershipNumber = null;
        UpdateRequest.Value<String> code = null;
        UpdateRequest.Value<String> providerMembershipId = null;
        UpdateRequest.Value<Integer> points = null;
        UpdateRequest.Value<String> expirationDate = null;
        UpdateRequest.Value<String> url = null;
        UpdateRequest.Value<String> loyaltyTierId = null;
        for (JsonFields.Field field : item.fields()) {
            switch (field.key()) {
                case "loyaltymembershipid" -> loyaltyMembershipId = field.read("LoyaltyMembershipId", STRING);
                case "loyaltyprogramid" -> loyaltyProgramId = field.read("LoyaltyProgramId", STRING_VALUE);
                case "state" -> state = field.read("State", STRING_VALUE);
                case "isprimary" -> isPrimary = field.read("IsPrimary", BOOLEAN_VALUE);
                case "membershipnumber" -> membershipNumber = field.read("MembershipNumber", STRING_VALUE);
                case "code" -> code = field.read("Code", STRING_VALUE);
                case "providermembershipid" -> providerMembershipId = field.read("ProviderMembershipId", STRING_VALUE);
                case "points" -> points = field.read("Points", INTEGER_VALUE);
                case "expirationdate" -> expirationDate = field.read("ExpirationDate", STRING_VALUE);
                case "url" -> url = field.read("Url", STRING_VALUE);
                case "loyaltytierid" -> loyaltyTierId = field.read("LoyaltyTierId", STRING_VALUE);
                default -> {}
            }
        }
        return new UpdateRequest.Item(
                loyaltyMembershipId,
                loyaltyProgramId,
                state,
                isPrimary,
                membershipNumber,
                code,
                providerMembershipId,
                points,
                expirationDate,
                url,
                loyaltyTierId);
    }

    /** The update wrapper {@code {"Value": ...}}; {@code {}} holds null, as {@code {"Value": null}} does. */
    private static <T> Type<UpdateRequest.Value<T>> value(Type<T> type) {
        return object(wrapper -> {
            T value = null;
            for (JsonFields.Field field : wrapper.fields()) {
                if (field.key().equals("value")) {
                    value = field.read("Value", type);
                }
            }
            return new UpdateRequest.Value<>(value);
        });
    }

    private static DeleteRequest delete(JsonFields body) {
        String chainId = null;
        List<String> loyaltyMembershipIds = null;
        for (JsonFields.Field field : body.fields()) {
            switch (field.key()) {
                case "chainid" -> chainId = field.read("ChainId", STRING);
                case "loyaltymembershipids" -> loyaltyMembershipIds = field.list("LoyaltyMembershipIds", STRING);
                default -> {}
            }
        }
        return new DeleteRequest(chainId, loyaltyMembershipIds);
    }
}
