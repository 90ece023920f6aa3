package com.loyaltymemberships.validation;

import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.AddRequest;
import com.loyaltymemberships.contract.ApiException;
import com.loyaltymemberships.contract.DeleteRequest;
import com.loyaltymemberships.contract.GetAllRequest;
import com.loyaltymemberships.contract.JsonPath;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.contract.Timestamps;
import com.loyaltymemberships.contract.UpdateRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns request bodies into validated commands, or fails with {@code 400 Invalid {Property}} naming the
 * first problem. It checks the whole request before anything is read or written, so an invalid item
 * anywhere changes nothing (SPEC §8). Checks that need stored data (unknown Ids, scope) live in the service.
 */
public final class RequestValidator {

    public static final int MAX_ITEMS = 1000;
    public static final int MAX_MEMBERSHIP_NUMBER = 255;
    public static final int MAX_PROVIDER_MEMBERSHIP_ID = 100;
    public static final int MAX_URL = 2048;
    private static final int MAX_INTERVAL_MONTHS = 3;

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    // ---- every request ---------------------------------------------------------------------------

    /** {@code Client} names the calling application (SPEC §2): required, a string, not blank. */
    public static void client(Optional<String> client) {
        if (client.filter(c -> !c.isBlank()).isEmpty()) {
            throw ApiException.invalid(
                    JsonPath.of("Client"),
                    "a string naming the calling application, such as \"Sample Client 1.0.0\", is required");
        }
    }

    // ---- getAll ----------------------------------------------------------------------------------

    public MembershipQuery getAll(GetAllRequest r) {
        GetAllRequest.Limitation limitation = required(r.limitation(), JsonPath.of("Limitation"));
        JsonPath countPath = JsonPath.of("Limitation").child("Count");
        int count = required(limitation.count(), countPath);
        if (count < 1 || count > MAX_ITEMS) {
            throw ApiException.invalid(countPath, "it must be from 1 to " + MAX_ITEMS);
        }
        Optional<UUID> cursor = Optional.ofNullable(limitation.cursor())
                .map(c -> guid(c, JsonPath.of("Limitation").child("Cursor")));

        // Filter values as long as the stored values can be: a longer one could match nothing, and is refused as in
        // add.
        Set<String> numbers = new LinkedHashSet<>(
                list(r.membershipNumbers(), "MembershipNumbers", RequestValidator::membershipNumber));
        numbers.addAll(list(r.codes(), "Codes", RequestValidator::membershipNumber));

        Set<ActivityState> activity = EnumSet.noneOf(ActivityState.class);
        activity.addAll(list(
                r.activityStates(), "ActivityStates", (v, p) -> enumValue(ActivityState.fromWire(required(v, p)), p)));
        if (activity.isEmpty()) {
            activity.add(ActivityState.ACTIVE);
        }
        Set<MembershipState> states = EnumSet.noneOf(MembershipState.class);
        states.addAll(list(
                r.membershipStates(),
                "MembershipStates",
                (v, p) -> enumValue(MembershipState.fromWire(required(v, p)), p)));

        return new MembershipQuery(
                List.copyOf(list(r.chainIds(), "ChainIds", RequestValidator::guid)),
                interval(r.createdUtc(), JsonPath.of("CreatedUtc")),
                interval(r.updatedUtc(), JsonPath.of("UpdatedUtc")),
                Set.copyOf(list(r.loyaltyMembershipIds(), "LoyaltyMembershipIds", RequestValidator::guid)),
                Set.copyOf(list(r.accountIds(), "AccountIds", RequestValidator::guid)),
                Set.copyOf(list(r.loyaltyProgramIds(), "LoyaltyProgramIds", RequestValidator::guid)),
                Set.copyOf(states),
                Set.copyOf(activity),
                Set.copyOf(numbers),
                Set.copyOf(list(
                        r.providerMembershipIds(),
                        "ProviderMembershipIds",
                        (v, p) -> text(required(v, p), p, MAX_PROVIDER_MEMBERSHIP_ID))),
                count,
                cursor);
    }

    private static Optional<TimeWindow> interval(GetAllRequest.TimeInterval interval, JsonPath path) {
        if (interval == null) {
            return Optional.empty();
        }
        Instant start = Timestamps.atStoredPrecision(
                instant(required(interval.startUtc(), path.child("StartUtc")), path.child("StartUtc")));
        Instant end = Timestamps.atStoredPrecision(
                instant(required(interval.endUtc(), path.child("EndUtc")), path.child("EndUtc")));
        if (end.isBefore(start)) {
            throw ApiException.invalid(path, "EndUtc is before StartUtc");
        }
        if (end.isAfter(
                start.atOffset(ZoneOffset.UTC).plusMonths(MAX_INTERVAL_MONTHS).toInstant())) {
            throw ApiException.invalid(path, "the interval is longer than " + MAX_INTERVAL_MONTHS + " months");
        }
        // StartUtc == EndUtc selects exactly that instant (SPEC §4).
        return Optional.of(new TimeWindow(start, end.equals(start) ? start.plusMillis(1) : end));
    }

    // ---- add -------------------------------------------------------------------------------------

    public List<NewMembership> add(AddRequest r) {
        List<AddRequest.Item> items = items(r.loyaltyMemberships(), JsonPath.of("LoyaltyMemberships"));
        List<NewMembership> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonPath at = JsonPath.of("LoyaltyMemberships").index(i);
            AddRequest.Item item = required(items.get(i), at);
            // MembershipNumber wins over its deprecated alias Code (SPEC §5).
            Optional<String> number = optionalText(
                            item.membershipNumber(), at.child("MembershipNumber"), MAX_MEMBERSHIP_NUMBER)
                    .or(() -> optionalText(item.code(), at.child("Code"), MAX_MEMBERSHIP_NUMBER));
            result.add(new NewMembership(
                    at,
                    guid(required(item.accountId(), at.child("AccountId")), at.child("AccountId")),
                    guid(required(item.loyaltyProgramId(), at.child("LoyaltyProgramId")), at.child("LoyaltyProgramId")),
                    required(item.isPrimary(), at.child("IsPrimary")),
                    item.state() == null
                            ? MembershipState.ENROLLED
                            : enumValue(MembershipState.fromWire(item.state()), at.child("State")),
                    number,
                    Optional.ofNullable(item.points()),
                    Optional.ofNullable(item.expirationDate()).map(v -> expirationDate(v, at.child("ExpirationDate"))),
                    Optional.ofNullable(item.url()).map(v -> url(v, at.child("Url"))),
                    Optional.ofNullable(item.loyaltyTierId()).map(v -> guid(v, at.child("LoyaltyTierId")))));
        }
        return result;
    }

    // ---- update ----------------------------------------------------------------------------------

    public List<MembershipPatch> update(UpdateRequest r) {
        List<UpdateRequest.Item> items = items(r.loyaltyMembershipUpdates(), JsonPath.of("LoyaltyMembershipUpdates"));
        List<MembershipPatch> result = new ArrayList<>(items.size());
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonPath at = JsonPath.of("LoyaltyMembershipUpdates").index(i);
            UpdateRequest.Item item = required(items.get(i), at);
            JsonPath idPath = at.child("LoyaltyMembershipId");
            UUID id = guid(required(item.loyaltyMembershipId(), idPath), idPath);
            if (seen.putIfAbsent(id, i) != null) {
                throw ApiException.invalid(idPath, "the same membership is also updated by item " + seen.get(id));
            }
            Optional<NewValue<String>> number = clearable(
                            item.membershipNumber(),
                            at.child("MembershipNumber"),
                            (v, p) -> optionalText(v, p, MAX_MEMBERSHIP_NUMBER).orElse(null))
                    .or(() -> clearable(
                            item.code(),
                            at.child("Code"),
                            (v, p) -> optionalText(v, p, MAX_MEMBERSHIP_NUMBER).orElse(null)));
            result.add(new MembershipPatch(
                    at,
                    id,
                    notNullable(item.loyaltyProgramId(), at.child("LoyaltyProgramId"), RequestValidator::guid),
                    notNullable(item.state(), at.child("State"), (v, p) -> enumValue(MembershipState.fromWire(v), p)),
                    notNullable(item.isPrimary(), at.child("IsPrimary"), (v, p) -> v),
                    number,
                    clearable(
                            item.providerMembershipId(),
                            at.child("ProviderMembershipId"),
                            (v, p) -> optionalText(v, p, MAX_PROVIDER_MEMBERSHIP_ID)
                                    .orElse(null)),
                    clearable(item.points(), at.child("Points"), (v, p) -> v),
                    clearable(item.expirationDate(), at.child("ExpirationDate"), RequestValidator::expirationDate),
                    clearable(item.url(), at.child("Url"), RequestValidator::url),
                    clearable(item.loyaltyTierId(), at.child("LoyaltyTierId"), RequestValidator::guid)));
        }
        return result;
    }

    /** {@code {"Value": null}} is a 400 for fields that cannot be empty (SPEC §6). */
    private static <W, T> Optional<T> notNullable(
            UpdateRequest.Value<W> wrapper, JsonPath path, BiFunction<W, JsonPath, T> parse) {
        if (wrapper == null) {
            return Optional.empty();
        }
        W value = wrapper.value();
        if (value == null) {
            throw ApiException.invalid(path, "Value is required and cannot be null");
        }
        return Optional.of(parse.apply(value, path));
    }

    /** A parser returning null means "cleared" (an empty string clears like null does). */
    private static <W, T> Optional<NewValue<T>> clearable(
            UpdateRequest.Value<W> wrapper, JsonPath path, BiFunction<W, JsonPath, T> parse) {
        if (wrapper == null) {
            return Optional.empty();
        }
        W value = wrapper.value();
        T parsed = value == null ? null : parse.apply(value, path);
        return Optional.of(parsed == null ? NewValue.cleared() : NewValue.of(parsed));
    }

    // ---- delete ----------------------------------------------------------------------------------

    /** The Ids in request order; a repeated Id is harmless, as delete is idempotent. */
    public List<UUID> delete(DeleteRequest r) {
        List<String> ids = items(r.loyaltyMembershipIds(), JsonPath.of("LoyaltyMembershipIds"));
        List<UUID> result = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonPath at = JsonPath.of("LoyaltyMembershipIds").index(i);
            result.add(guid(required(ids.get(i), at), at));
        }
        return result;
    }

    // ---- values ----------------------------------------------------------------------------------

    /** A GUID in upper or lower case, in its hyphenated form only. */
    public static UUID guid(String value, JsonPath path) {
        if (!GUID.matcher(required(value, path)).matches()) {
            throw ApiException.invalid(path, "a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6 is required");
        }
        return UUID.fromString(value.toLowerCase(Locale.ROOT));
    }

    private static <T> List<T> items(List<T> list, JsonPath path) {
        List<T> items = required(list, path);
        if (items.isEmpty()) {
            throw ApiException.invalid(path, "at least one item is required");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.invalid(path, "at most " + MAX_ITEMS + " items are allowed");
        }
        return items;
    }

    /** An optional filter array: absent and empty are the same; at most 1000 items, none null. */
    private static <T> List<T> list(List<String> values, String property, BiFunction<String, JsonPath, T> parse) {
        if (values == null) {
            return List.of();
        }
        JsonPath path = JsonPath.of(property);
        if (values.size() > MAX_ITEMS) {
            throw ApiException.invalid(path, "at most " + MAX_ITEMS + " items are allowed");
        }
        List<T> result = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            result.add(parse.apply(values.get(i), path.index(i)));
        }
        return result;
    }

    private static <T> T required(T value, JsonPath path) {
        if (value == null) {
            throw ApiException.invalid(path, "a value is required");
        }
        return value;
    }

    private static <T> T enumValue(Optional<T> value, JsonPath path) {
        return value.orElseThrow(() -> ApiException.invalid(path, "the value is not one of the allowed values"));
    }

    private static String membershipNumber(String value, JsonPath path) {
        return text(required(value, path), path, MAX_MEMBERSHIP_NUMBER);
    }

    /** Text of at most {@code maxLength} characters (code points). */
    private static String text(String value, JsonPath path, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw ApiException.invalid(path, "at most " + maxLength + " characters are allowed");
        }
        return value;
    }

    /** Optional text with a length limit in characters; "" means no value, as responses never show "". */
    private static Optional<String> optionalText(String value, JsonPath path, int maxLength) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(value, path, maxLength));
    }

    private static Instant instant(String value, JsonPath path) {
        try {
            return inRange(
                    OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant(),
                    path);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    path, "an ISO 8601 date-time with Z or an offset is required, such as 2022-10-15T00:00:00Z");
        }
    }

    /** {@code YYYY-MM-DD} (midnight UTC) or a date-time with Z or an offset, kept to the second. */
    private static Instant expirationDate(String value, JsonPath path) {
        try {
            Instant instant = value.length() == 10
                    ? LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                    : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
            return inRange(instant, path).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    path, "a date (YYYY-MM-DD) or an ISO 8601 date-time with Z or an offset is required");
        }
    }

    private static Instant inRange(Instant instant, JsonPath path) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.invalid(path, "the year must be from 0001 to 9999");
        }
        return instant;
    }

    private static String url(String value, JsonPath path) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_URL) {
            throw ApiException.invalid(path, "at most " + MAX_URL + " characters are allowed");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty()) {
                if (!isRfc3986(uri, value)) {
                    throw ApiException.invalid(
                            path,
                            "an RFC 3986 URL is required: percent-encode characters outside ASCII,"
                                    + " and [ or ] anywhere but around an IPv6 host");
                }
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ApiException.invalid(path, "an absolute http or https URL is required");
    }

    /**
     * {@link URI} parses RFC 2396 with Unicode allowed ("other" characters) and brackets in the query and fragment; the
     * contract's {@code format: uri} (openapi.yaml) is RFC 3986, which allows neither. Decision in docs/DECISIONS.md.
     */
    private static boolean isRfc3986(URI uri, String value) {
        return value.chars().allMatch(c -> c < 0x7F)
                && !hasBracket(uri.getRawQuery())
                && !hasBracket(uri.getRawFragment());
    }

    private static boolean hasBracket(String part) {
        return part != null && (part.indexOf('[') >= 0 || part.indexOf(']') >= 0);
    }
}
