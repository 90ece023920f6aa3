package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.local.DemoTokens;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Request bodies of the four operations (SPEC §2, §4 to §7), as trees. */
final class Bodies {

    private Bodies() {}

    static ObjectNode auth(Token token) {
        return Json.MAPPER
                .createObjectNode()
                .put("ClientToken", DemoTokens.CLIENT_TOKEN)
                .put("AccessToken", token.accessToken())
                .put("Client", "loyalty-soak 1.0");
    }

    /** A write names its chain with a portfolio token; a single-enterprise token always writes its own (SPEC §2). */
    private static ObjectNode write(Token token, UUID chain) {
        if (!token.chains().contains(chain)) {
            throw new IllegalArgumentException(token + " cannot write to chain " + chain);
        }
        ObjectNode body = auth(token);
        if (token.portfolio()) {
            body.put("ChainId", chain.toString());
        }
        return body;
    }

    static ObjectNode add(Token token, UUID chain, List<AddItem> items) {
        ObjectNode body = write(token, chain);
        ArrayNode memberships = body.putArray("LoyaltyMemberships");
        items.forEach(item -> memberships.add(item.sent()));
        return body;
    }

    static ObjectNode update(Token token, UUID chain, List<ObjectNode> updates) {
        ObjectNode body = write(token, chain);
        body.putArray("LoyaltyMembershipUpdates").addAll(updates);
        return body;
    }

    /** An item of LoyaltyMembershipUpdates that changes nothing yet; see {@link #set}. */
    static ObjectNode updateOf(UUID id) {
        return Json.MAPPER.createObjectNode().put("LoyaltyMembershipId", id.toString());
    }

    /** {@code {"Value": value}}: sets the field, or clears it when the value is null (SPEC §6). */
    static ObjectNode set(ObjectNode update, String property, JsonNode value) {
        update.putObject(property).set("Value", value);
        return update;
    }

    static ObjectNode setPrimary(ObjectNode update, boolean primary) {
        return set(update, "IsPrimary", BooleanNode.valueOf(primary));
    }

    static ObjectNode delete(Token token, UUID chain, Collection<UUID> ids) {
        ObjectNode body = write(token, chain);
        body.set("LoyaltyMembershipIds", ids(ids));
        return body;
    }

    /** getAll with no filter yet: the next page of {@code count} after {@code cursor}, if any. */
    static ObjectNode getAll(Token token, int count, UUID cursor) {
        ObjectNode body = auth(token);
        ObjectNode limitation = body.putObject("Limitation").put("Count", count);
        if (cursor != null) {
            limitation.put("Cursor", cursor.toString());
        }
        return body;
    }

    static ArrayNode ids(Collection<UUID> ids) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }

    static ArrayNode texts(Collection<String> texts) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        texts.forEach(array::add);
        return array;
    }
}
