package com.loyaltymemberships.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Writes answer bodies: a membership page and the Mews error body with their properties in the contract's order (SPEC
 * §3) and null rather than absent, anything else (the delete answer {@code {}}) as plain values; and the detail of a
 * membership change event, in the same style.
 */
final class ResponseWriter {

    private ResponseWriter() {}

    static void write(JsonGenerator out, Object body) throws IOException {
        if (body instanceof MembershipsResponse page) {
            page(out, page);
        } else if (body instanceof ErrorBody error) {
            error(out, error);
        } else if (body instanceof MembershipChangeDetail change) {
            change(out, change);
        } else {
            JsonValues.write(out, body, false);
        }
    }

    private static void page(JsonGenerator out, MembershipsResponse page) throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("LoyaltyMemberships");
        for (MembershipView membership : page.loyaltyMemberships()) {
            membership(out, membership);
        }
        out.writeEndArray();
        out.writeStringField("Cursor", page.cursor());
        out.writeEndObject();
    }

    private static void change(JsonGenerator out, MembershipChangeDetail change) throws IOException {
        out.writeStartObject();
        out.writeStringField("EventId", change.eventId());
        out.writeStringField("ChainId", change.chainId());
        out.writeFieldName("LoyaltyMembership");
        membership(out, change.loyaltyMembership());
        out.writeFieldName("Changes");
        if (change.changes().isPresent()) {
            properties(out, change.changes().get());
        } else {
            out.writeNull();
        }
        out.writeNumberField("Version", change.version());
        out.writeStringField("ChangedUtc", change.changedUtc());
        out.writeStringField("RequestId", change.requestId().orElse(null));
        out.writeEndObject();
    }

    private static void membership(JsonGenerator out, MembershipView m) throws IOException {
        properties(out, m.properties());
    }

    /** An object of membership properties (wire name to value), in the map's order. */
    private static void properties(JsonGenerator out, Map<String, Object> properties) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            out.writeFieldName(property.getKey());
            value(out, property.getValue());
        }
        out.writeEndObject();
    }

    /** A membership property's value: text, a boolean, a number, a profile, or null. */
    private static void value(JsonGenerator out, Object value) throws IOException {
        if (value instanceof MembershipView.ProfileView profile) {
            profile(out, profile);
        } else {
            JsonValues.write(out, value, false);
        }
    }

    private static void profile(JsonGenerator out, MembershipView.ProfileView profile) throws IOException {
        out.writeStartObject();
        out.writeStringField("Discriminator", profile.discriminator());
        out.writeFieldName("EnterpriseProfile");
        JsonValues.write(out, profile.enterpriseProfile(), false);
        out.writeEndObject();
    }

    private static void error(JsonGenerator out, ErrorBody error) throws IOException {
        out.writeStartObject();
        out.writeStringField("Message", error.message());
        out.writeStringField("RequestId", error.requestId());
        out.writeFieldName("Details");
        JsonValues.write(out, error.details(), false);
        out.writeEndObject();
    }
}
