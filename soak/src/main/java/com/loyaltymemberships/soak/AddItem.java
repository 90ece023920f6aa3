package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * One membership of an add request: what is sent, and the view the API must answer for it (all but the Id it assigns).
 *
 * @param account the account it is added to
 * @param sent    the item of {@code LoyaltyMemberships}
 * @param view    {@link LedgerMembership#newView} with every sent field shown as the contract shows it
 */
record AddItem(AccountKey account, ObjectNode sent, ObjectNode view) {

    /** The optional fields of add (SPEC §5); ProviderMembershipId is settable only by update. */
    private static final List<Field> OPTIONAL = List.of(
            Field.STATE,
            Field.MEMBERSHIP_NUMBER,
            Field.POINTS,
            Field.EXPIRATION_DATE,
            Field.URL,
            Field.LOYALTY_TIER_ID);

    /** A membership with a random half of the optional fields; a number sometimes under its deprecated alias Code. */
    static AddItem random(AccountKey account, boolean primary, Random random) {
        FieldValue program = Field.LOYALTY_PROGRAM_ID.random(random);
        String accountId = account.account().toString();
        ObjectNode sent = Json.MAPPER
                .createObjectNode()
                .put("AccountId", random.nextBoolean() ? accountId : accountId.toUpperCase(Locale.ROOT));
        sent.set("LoyaltyProgramId", program.sent());
        sent.put("IsPrimary", primary);
        ObjectNode view = LedgerMembership.newView(account, program.shown(), primary);
        for (Field field : OPTIONAL) {
            if (random.nextBoolean()) {
                FieldValue value = field.random(random);
                String property =
                        field == Field.MEMBERSHIP_NUMBER && random.nextInt(4) == 0 ? "Code" : field.property();
                sent.set(property, value.sent());
                view = field.showIn(view, value);
            }
        }
        return new AddItem(account, sent, view);
    }

    /** The same item with {@code field} sent as {@code value}. */
    AddItem with(Field field, FieldValue value) {
        ObjectNode changed = sent.deepCopy();
        changed.set(field.property(), value.sent());
        return new AddItem(account, changed, field.showIn(view, value));
    }

    boolean primary() {
        return sent.get("IsPrimary").asBoolean();
    }

    LedgerMembership created(UUID id) {
        return LedgerMembership.created(id, view);
    }
}
