package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * A membership as the ledger expects the store to hold it: the object every answer shows (SPEC §3, all fifteen
 * properties), and whether it is deleted (not part of the object; getAll tells it by ActivityStates). The view is
 * never changed in place: every change makes a copy.
 */
record LedgerMembership(ObjectNode view, boolean deleted) {

    /** Changes made through this API are the integration's (SPEC §3, Decision). */
    private static final String INTEGRATION_PROFILE = "{\"Discriminator\":\"Integration\",\"EnterpriseProfile\":null}";

    /** A new membership's view without its Id (the API assigns that): everything not sent is null, State is Enrolled. */
    static ObjectNode newView(AccountKey account, JsonNode program, boolean primary) {
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("ChainId", account.chain().toString());
        view.put("AccountId", account.account().toString());
        view.set("LoyaltyProgramId", program);
        view.put("State", "Enrolled");
        view.put("IsPrimary", primary);
        for (String absent : new String[] {
            "ProviderMembershipId", "Code", "MembershipNumber", "Points", "ExpirationDate", "Url", "LoyaltyTierId"
        }) {
            view.putNull(absent);
        }
        view.set("CreatorProfile", Json.parse(INTEGRATION_PROFILE));
        view.set("UpdaterProfile", Json.parse(INTEGRATION_PROFILE));
        return view;
    }

    /** The membership the API created from a view of {@link #newView}, under the Id it answered. */
    static LedgerMembership created(UUID id, ObjectNode newView) {
        ObjectNode view = Json.MAPPER.createObjectNode().put("Id", id.toString());
        view.setAll(newView);
        return new LedgerMembership(view, false);
    }

    /** A membership as getAll showed it, in the activity state asked for. */
    static LedgerMembership shown(JsonNode view, boolean deleted) {
        return new LedgerMembership((ObjectNode) view, deleted);
    }

    UUID id() {
        return UUID.fromString(view.get("Id").asText());
    }

    AccountKey account() {
        return new AccountKey(
                UUID.fromString(view.get("ChainId").asText()),
                UUID.fromString(view.get("AccountId").asText()));
    }

    boolean primary() {
        return view.get("IsPrimary").asBoolean();
    }

    /** Only active memberships count for the one-primary rule (SPEC §8). */
    boolean activePrimary() {
        return primary() && !deleted;
    }

    LedgerMembership with(Field field, FieldValue value) {
        return new LedgerMembership(field.showIn(view, value), deleted);
    }

    LedgerMembership withPrimary(boolean primary) {
        ObjectNode changed = view.deepCopy();
        changed.put("IsPrimary", primary);
        return new LedgerMembership(changed, deleted);
    }

    /** A soft delete keeps every field, IsPrimary included: the account's primary pointer is what it drops. */
    LedgerMembership asDeleted() {
        return new LedgerMembership(view, true);
    }

    /** The view, then "(deleted)" for a deleted one: how a mismatch is reported. */
    @Override
    public String toString() {
        return view + (deleted ? " (deleted)" : "");
    }
}
