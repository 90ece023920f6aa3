package com.loyaltymemberships.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: events.schema.json, the event contract beside openapi.yaml. Its membership is openapi.yaml's (the same
 * definitions, so the two cannot drift), and its examples (one of each event) hold to it. EventDeliveryTest checks
 * what the bus delivers against it.
 */
class EventSchemaTest {

    /** The definitions the events schema shares with openapi.yaml's components. */
    private static final Set<String> SHARED = Set.of("Membership", "Profile", "LowerCaseGuid", "MembershipState");

    @Test
    void itsMembershipIsTheApisMembership() {
        JsonNode defs = EventSchema.get().document().get("$defs");
        JsonNode components = OpenApi.get().document().get("components").get("schemas");
        for (String name : SHARED) {
            JsonNode api = TestApi.JSON.valueToTree(components.get(name));
            String rewritten = api.toString().replace("#/components/schemas/", "#/$defs/");
            assertEquals(rewritten, defs.get(name).toString(), name + " as in openapi.yaml");
        }
    }

    @Test
    void itHasAnExampleOfEachEventAndEachHoldsToIt() {
        List<String> types = new ArrayList<>();
        for (JsonNode example : EventSchema.get().document().get("examples")) {
            assertEquals(List.of(), EventSchema.get().validate(example), example.toString());
            types.add(example.get("detail-type").asText());
        }
        assertEquals(List.of("LoyaltyMembershipAdded", "LoyaltyMembershipUpdated", "LoyaltyMembershipDeleted"), types);
    }

    @Test
    void anUpdateWithoutChangesOrAnAddWithThemBreaksIt() {
        JsonNode examples = EventSchema.get().document().get("examples");
        ObjectNode update = examples.get(1).deepCopy();
        ((ObjectNode) update.get("detail")).putNull("Changes");
        assertFalse(EventSchema.get().validate(update).isEmpty(), "an update names what changed");
        ObjectNode add = examples.get(0).deepCopy();
        ((ObjectNode) add.get("detail")).putObject("Changes").put("Points", 1);
        assertFalse(EventSchema.get().validate(add).isEmpty(), "an add has no Changes");
        ObjectNode unknown = examples.get(0).deepCopy();
        ((ObjectNode) unknown.get("detail")).put("Extra", 1);
        assertFalse(EventSchema.get().validate(unknown).isEmpty(), "nothing beyond the contract");
    }
}
