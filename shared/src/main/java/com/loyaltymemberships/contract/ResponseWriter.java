package com.loyaltymemberships.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes answer bodies: a membership page and the Mews error body with their properties in the contract's order (SPEC
 * §3) and null rather than absent, anything else (the delete answer {@code {}}) as plain values.
 */
final class ResponseWriter {

    private ResponseWriter() {}

    static void write(JsonGenerator out, Object body) throws IOException {
        if (body instanceof MembershipsResponse page) {
            page(out, page);
        } else if (body instanceof ErrorBody error) {
            error(out, error);
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

    private static void membership(JsonGenerator out, MembershipView m) throws IOException {
        out.writeStartObject();
        out.writeStringField("Id", m.id());
        out.writeStringField("ChainId", m.chainId());
        out.writeStringField("AccountId", m.accountId());
        out.writeStringField("LoyaltyProgramId", m.loyaltyProgramId());
        out.writeStringField("State", m.state());
        out.writeBooleanField("IsPrimary", m.isPrimary());
        out.writeStringField("ProviderMembershipId", m.providerMembershipId());
        out.writeStringField("Code", m.code());
        out.writeStringField("MembershipNumber", m.membershipNumber());
        out.writeObjectField("Points", m.points());
        out.writeStringField("ExpirationDate", m.expirationDate());
        out.writeStringField("Url", m.url());
        out.writeStringField("LoyaltyTierId", m.loyaltyTierId());
        profile(out, "CreatorProfile", m.creatorProfile());
        profile(out, "UpdaterProfile", m.updaterProfile());
        out.writeEndObject();
    }

    private static void profile(JsonGenerator out, String name, MembershipView.ProfileView profile) throws IOException {
        out.writeObjectFieldStart(name);
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
