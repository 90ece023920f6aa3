package com.loyaltymemberships.soak;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The eight fields an update can set (SPEC §6), with random valid values in the spellings the contract accepts.
 * There are exactly eight, so up to eight racers can each own one field of a shared membership.
 */
enum Field {
    LOYALTY_PROGRAM_ID("LoyaltyProgramId", false) {
        @Override
        FieldValue random(Random random) {
            return guid(PROGRAMS.get(random.nextInt(PROGRAMS.size())), random);
        }
    },
    STATE("State", false) {
        @Override
        FieldValue random(Random random) {
            return FieldValue.same(TextNode.valueOf(STATES.get(random.nextInt(STATES.size()))));
        }
    },
    MEMBERSHIP_NUMBER("MembershipNumber", true) {
        @Override
        FieldValue random(Random random) {
            return FieldValue.same(TextNode.valueOf("MBR-" + code(random, 8)));
        }
    },
    PROVIDER_MEMBERSHIP_ID("ProviderMembershipId", true) {
        @Override
        FieldValue random(Random random) {
            return FieldValue.same(TextNode.valueOf("PRV-" + code(random, 10)));
        }
    },
    POINTS("Points", true) {
        @Override
        FieldValue random(Random random) {
            return FieldValue.same(IntNode.valueOf(random.nextInt(2_000_001) - 1_000_000));
        }
    },
    EXPIRATION_DATE("ExpirationDate", true) {
        @Override
        FieldValue random(Random random) {
            Instant at =
                    Instant.parse("2027-01-01T00:00:00Z").plus(random.nextInt(5 * 365 * 24 * 3600), ChronoUnit.SECONDS);
            // A date, a date-time with Z and one with an offset: all shown as YYYY-MM-DDThh:mm:ssZ (SPEC §3, §5).
            return switch (random.nextInt(3)) {
                case 0 -> {
                    String day = DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(ZoneOffset.UTC));
                    yield new FieldValue(TextNode.valueOf(day), TextNode.valueOf(day + "T00:00:00Z"));
                }
                case 1 -> FieldValue.same(TextNode.valueOf(SHOWN_TIME.format(at.atOffset(ZoneOffset.UTC))));
                default ->
                    new FieldValue(
                            TextNode.valueOf(
                                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(2)))),
                            TextNode.valueOf(SHOWN_TIME.format(at.atOffset(ZoneOffset.UTC))));
            };
        }
    },
    URL("Url", true) {
        @Override
        FieldValue random(Random random) {
            return FieldValue.same(TextNode.valueOf("https://rewards.example.com/member/" + code(random, 12)));
        }
    },
    LOYALTY_TIER_ID("LoyaltyTierId", true) {
        @Override
        FieldValue random(Random random) {
            return guid(newGuid(random), random);
        }
    };

    static final List<UUID> PROGRAMS = List.of(
            UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5"),
            UUID.fromString("da34b396-41f7-47f6-8847-aecf00a3f19e"),
            UUID.fromString("0b8c6e4e-7f5a-4a0e-9d51-3c2f1e8a9b77"));
    static final List<String> STATES = List.of("New", "Pending", "Enrolled", "Canceled", "Declined");
    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private final String property;
    private final boolean clearable;

    Field(String property, boolean clearable) {
        this.property = property;
        this.clearable = clearable;
    }

    String property() {
        return property;
    }

    /** {@code {"Value": null}} clears it; for the others it is a 400 (SPEC §6). */
    boolean clearable() {
        return clearable;
    }

    abstract FieldValue random(Random random);

    /** A random new value, or for a clearable field sometimes none: null, or for a text an empty string, which clears too. */
    FieldValue randomOrCleared(Random random) {
        if (!clearable || random.nextInt(5) > 0) {
            return random(random);
        }
        boolean text = this == MEMBERSHIP_NUMBER || this == PROVIDER_MEMBERSHIP_ID;
        return text && random.nextBoolean()
                ? new FieldValue(TextNode.valueOf(""), FieldValue.cleared().shown())
                : FieldValue.cleared();
    }

    /** {@code view} with this field shown as {@code value}; the deprecated Code always repeats MembershipNumber (SPEC §3). */
    ObjectNode showIn(ObjectNode view, FieldValue value) {
        ObjectNode changed = view.deepCopy();
        changed.set(property, value.shown());
        if (this == MEMBERSHIP_NUMBER) {
            changed.set("Code", value.shown());
        }
        return changed;
    }

    /** GUIDs are accepted in either case and always shown in lower case (SPEC §9). */
    private static FieldValue guid(UUID id, Random random) {
        String shown = id.toString();
        return new FieldValue(
                TextNode.valueOf(random.nextBoolean() ? shown.toUpperCase(Locale.ROOT) : shown),
                TextNode.valueOf(shown));
    }

    /** A random version-4 GUID, from {@code random} so that a seed repeats a run's choices. */
    static UUID newGuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    static String code(Random random, int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
