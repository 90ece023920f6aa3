package com.example.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.loyalty.client.ApiClient;
import com.example.loyalty.client.ApiException;
import com.example.loyalty.client.ApiResponse;
import com.example.loyalty.client.api.LoyaltyMembershipsApi;
import com.example.loyalty.client.model.ActivityState;
import com.example.loyalty.client.model.AddItem;
import com.example.loyalty.client.model.AddRequest;
import com.example.loyalty.client.model.DeleteRequest;
import com.example.loyalty.client.model.Error;
import com.example.loyalty.client.model.GetAllRequest;
import com.example.loyalty.client.model.GuidValue;
import com.example.loyalty.client.model.Limitation;
import com.example.loyalty.client.model.Membership;
import com.example.loyalty.client.model.MembershipState;
import com.example.loyalty.client.model.MembershipStateValue;
import com.example.loyalty.client.model.MembershipsResponse;
import com.example.loyalty.client.model.NullableDateOrDateTimeValue;
import com.example.loyalty.client.model.NullableGuidValue;
import com.example.loyalty.client.model.NullableInt32Value;
import com.example.loyalty.client.model.NullableMembershipNumberValue;
import com.example.loyalty.client.model.NullableProviderMembershipIdValue;
import com.example.loyalty.client.model.NullableUrlValue;
import com.example.loyalty.client.model.Profile;
import com.example.loyalty.client.model.UpdateItem;
import com.example.loyalty.client.model.UpdateRequest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.loyaltymemberships.devkit.LocalServerProcess;
import com.loyaltymemberships.local.DemoTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client a user generates from openapi.yaml (see the pom: openapi-generator, {@code java}/{@code native}/Jackson),
 * used as generated: every operation, paging to the end, clearing a value, every optional property read back, and an
 * error answer. The client's mapper refuses unknown properties, so an answer with a property the document does not name
 * fails the test. It talks to {@code -Dloyalty.baseUrl} when given (CI sends it through Prism's validation proxy, see
 * .ci/clients), else to the local server jar that it starts.
 */
class ClientScenarioTest {

    // The demo tokens that the local server seeds (README, "Demo tokens").
    private static final String CLIENT_TOKEN = DemoTokens.CLIENT_TOKEN;
    private static final String PORTFOLIO_TOKEN = DemoTokens.PORTFOLIO_ACCESS_TOKEN;
    private static final String SINGLE_ENTERPRISE_TOKEN = DemoTokens.CHAIN_A_ACCESS_TOKEN;
    private static final UUID CHAIN = DemoTokens.CHAIN_A;
    private static final String CLIENT = "Generated Java client 1.0.0";

    private static LocalServerProcess server;
    private static LoyaltyMembershipsApi api;

    // Fresh per run, so that runs against a long-lived server never see each other's memberships.
    private final UUID account = UUID.randomUUID();
    private final UUID program = UUID.randomUUID();
    private final UUID tier = UUID.randomUUID();

    @BeforeAll
    static void connect() throws Exception {
        Optional<String> given =
                Optional.ofNullable(System.getProperty("loyalty.baseUrl")).filter(url -> !url.isBlank());
        URI base;
        if (given.isPresent()) {
            base = URI.create(given.get());
        } else {
            server = LocalServerProcess.start(
                    LocalServerProcess.jar(Path.of(System.getProperty("project.root", "../.."))), Map.of());
            base = server.baseUri();
        }
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString());
        // The generator's default mapper ignores unknown properties; a strict client must not need to.
        client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        api = new LoyaltyMembershipsApi(client);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void addPageUpdateDeleteAndReadBackEveryProperty() throws ApiException {
        // add: one membership with every optional property (ExpirationDate a date), one with a date-time, three
        // minimal.
        AddItem everything = item(true)
                .state(MembershipState.PENDING)
                .membershipNumber("MBR-JAVA-1")
                .points(22)
                .expirationDate("2029-12-24")
                .url("https://rewards.example.com/member/JAVA-1")
                .loyaltyTierId(tier);
        AddItem dateTime = item(false).expirationDate("2029-12-24T10:30:00+01:00");
        MembershipsResponse added = api.add(
                new AddRequest()
                        .clientToken(CLIENT_TOKEN)
                        .accessToken(PORTFOLIO_TOKEN)
                        .client(CLIENT)
                        .chainId(CHAIN)
                        .loyaltyMemberships(List.of(everything, dateTime, item(false), item(false), item(false))),
                null,
                null);
        assertEquals(5, added.getLoyaltyMemberships().size());
        Membership first = added.getLoyaltyMemberships().get(0);
        assertEquals(CHAIN, first.getChainId());
        assertEquals(account, first.getAccountId());
        assertEquals(program, first.getLoyaltyProgramId());
        assertEquals(MembershipState.PENDING, first.getState());
        assertTrue(first.getIsPrimary());
        assertNull(first.getProviderMembershipId(), "settable only by update");
        assertEquals("MBR-JAVA-1", first.getMembershipNumber());
        assertEquals("MBR-JAVA-1", first.getCode());
        assertEquals(22, first.getPoints());
        assertEquals(OffsetDateTime.parse("2029-12-24T00:00:00Z"), first.getExpirationDate(), "a date is midnight UTC");
        assertEquals(URI.create("https://rewards.example.com/member/JAVA-1"), first.getUrl());
        assertEquals(tier, first.getLoyaltyTierId());
        assertIntegration(first.getCreatorProfile());
        assertIntegration(first.getUpdaterProfile());
        Membership second = added.getLoyaltyMemberships().get(1);
        assertEquals(
                OffsetDateTime.parse("2029-12-24T09:30:00Z"), second.getExpirationDate(), "a date-time is kept in UTC");
        assertEquals(MembershipState.ENROLLED, second.getState(), "the default state");
        assertNull(second.getMembershipNumber());
        assertNull(second.getPoints());
        assertNull(second.getUrl());
        assertNull(second.getLoyaltyTierId());
        assertEquals(
                added.getLoyaltyMemberships().get(4).getId(), added.getCursor(), "Cursor is the Id of the last one");

        // getAll, two at a time, passing each page's Cursor back until a short page.
        List<UUID> paged = new ArrayList<>();
        UUID cursor = null;
        int pages = 0;
        while (true) {
            MembershipsResponse page = api.getAll(
                    new GetAllRequest()
                            .clientToken(CLIENT_TOKEN)
                            .accessToken(PORTFOLIO_TOKEN)
                            .client(CLIENT)
                            .accountIds(List.of(account))
                            .limitation(new Limitation().count(2).cursor(cursor)),
                    null);
            pages++;
            page.getLoyaltyMemberships().forEach(m -> paged.add(m.getId()));
            if (page.getLoyaltyMemberships().size() < 2) {
                assertEquals(
                        page.getLoyaltyMemberships().isEmpty() ? null : paged.get(paged.size() - 1), page.getCursor());
                break;
            }
            cursor = page.getCursor();
            assertEquals(paged.get(paged.size() - 1), cursor);
        }
        assertEquals(3, pages, "2 + 2 + 1");
        assertEquals(5, new HashSet<>(paged).size(), "no membership twice: " + paged);
        assertEquals(
                new HashSet<>(added.getLoyaltyMemberships().stream()
                        .map(Membership::getId)
                        .toList()),
                new HashSet<>(paged));

        // update: set some values, clear others ({"Value": null}), leave the rest.
        UpdateItem change = new UpdateItem()
                .loyaltyMembershipId(first.getId())
                .state(new MembershipStateValue().value(MembershipState.ENROLLED))
                .providerMembershipId(new NullableProviderMembershipIdValue().value("PRV-JAVA-1"))
                .points(new NullableInt32Value().value(null))
                .membershipNumber(new NullableMembershipNumberValue().value(null))
                .expirationDate(new NullableDateOrDateTimeValue().value("2030-01-31T23:59:59Z"))
                .url(new NullableUrlValue().value("https://final-rewards.example.com/member/JAVA-1"))
                .loyaltyTierId(new NullableGuidValue().value(null))
                .loyaltyProgramId(new GuidValue().value(program));
        Membership updated = api.update(
                        new UpdateRequest()
                                .clientToken(CLIENT_TOKEN)
                                .accessToken(PORTFOLIO_TOKEN)
                                .client(CLIENT)
                                .chainId(CHAIN)
                                .loyaltyMembershipUpdates(List.of(change)),
                        null,
                        null)
                .getLoyaltyMemberships()
                .get(0);
        assertEquals(MembershipState.ENROLLED, updated.getState());
        assertEquals("PRV-JAVA-1", updated.getProviderMembershipId());
        assertNull(updated.getPoints(), "cleared");
        assertNull(updated.getMembershipNumber(), "cleared");
        assertNull(updated.getCode(), "cleared with MembershipNumber");
        assertNull(updated.getLoyaltyTierId(), "cleared");
        assertEquals(OffsetDateTime.parse("2030-01-31T23:59:59Z"), updated.getExpirationDate());
        assertEquals(URI.create("https://final-rewards.example.com/member/JAVA-1"), updated.getUrl());
        assertTrue(updated.getIsPrimary(), "left unchanged");

        // delete, then read it back among the deleted ones.
        ApiResponse<Object> deleted = api.deleteWithHttpInfo(
                new DeleteRequest()
                        .clientToken(CLIENT_TOKEN)
                        .accessToken(PORTFOLIO_TOKEN)
                        .client(CLIENT)
                        .chainId(CHAIN)
                        .loyaltyMembershipIds(List.of(first.getId())),
                null,
                null);
        assertEquals(200, deleted.getStatusCode());
        assertEquals(Map.of(), deleted.getData(), "delete answers {}");
        List<Membership> readBack = api.getAll(
                        new GetAllRequest()
                                .clientToken(CLIENT_TOKEN)
                                .accessToken(PORTFOLIO_TOKEN)
                                .client(CLIENT)
                                .loyaltyMembershipIds(List.of(first.getId()))
                                .activityStates(List.of(ActivityState.DELETED))
                                .limitation(new Limitation().count(10)),
                        null)
                .getLoyaltyMemberships();
        assertEquals(1, readBack.size());
        Membership gone = readBack.get(0);
        assertEquals(updated.getId(), gone.getId());
        assertEquals(updated.getChainId(), gone.getChainId());
        assertEquals(updated.getAccountId(), gone.getAccountId());
        assertEquals(updated.getLoyaltyProgramId(), gone.getLoyaltyProgramId());
        assertEquals(updated.getState(), gone.getState());
        assertEquals(updated.getIsPrimary(), gone.getIsPrimary());
        assertEquals(updated.getProviderMembershipId(), gone.getProviderMembershipId());
        assertEquals(updated.getCode(), gone.getCode());
        assertEquals(updated.getMembershipNumber(), gone.getMembershipNumber());
        assertEquals(updated.getPoints(), gone.getPoints());
        assertEquals(updated.getExpirationDate(), gone.getExpirationDate());
        assertEquals(updated.getUrl(), gone.getUrl());
        assertEquals(updated.getLoyaltyTierId(), gone.getLoyaltyTierId());
        assertIntegration(gone.getCreatorProfile());
        assertIntegration(gone.getUpdaterProfile());
        assertTrue(
                api.getAll(
                                new GetAllRequest()
                                        .clientToken(CLIENT_TOKEN)
                                        .accessToken(PORTFOLIO_TOKEN)
                                        .client(CLIENT)
                                        .loyaltyMembershipIds(List.of(first.getId()))
                                        .limitation(new Limitation().count(10)),
                                null)
                        .getLoyaltyMemberships()
                        .isEmpty(),
                "a deleted membership is not active");
    }

    @Test
    void aSingleEnterpriseTokenWritesWithoutChainId() throws ApiException {
        Membership added = api.add(
                        new AddRequest()
                                .clientToken(CLIENT_TOKEN)
                                .accessToken(SINGLE_ENTERPRISE_TOKEN)
                                .client(CLIENT)
                                .loyaltyMemberships(List.of(item(false))),
                        null,
                        null)
                .getLoyaltyMemberships()
                .get(0);
        assertEquals(CHAIN, added.getChainId(), "the token's own chain");
    }

    @Test
    void anErrorIsTheDocumentedErrorBody() throws Exception {
        ApiException refused = assertThrows(
                ApiException.class,
                () -> api.getAll(
                        new GetAllRequest()
                                .clientToken(CLIENT_TOKEN)
                                .accessToken("not-a-token")
                                .client(CLIENT)
                                .limitation(new Limitation().count(1)),
                        null));
        assertEquals(401, refused.getCode());
        Error error = new ApiClient()
                .getObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(refused.getResponseBody(), Error.class);
        assertEquals("Invalid or missing ClientToken or AccessToken.", error.getMessage());
        assertEquals(refused.getResponseHeaders().firstValue("Request-Id").orElseThrow(), error.getRequestId());
        assertNull(error.getDetails());
        assertFalse(refused.getResponseBody().contains("not-a-token"), "the answer never repeats a token");
    }

    private AddItem item(boolean primary) {
        return new AddItem().accountId(account).loyaltyProgramId(program).isPrimary(primary);
    }

    private static void assertIntegration(Profile profile) {
        assertNotNull(profile);
        assertEquals("Integration", profile.getDiscriminator());
        assertNull(profile.getEnterpriseProfile());
    }
}
