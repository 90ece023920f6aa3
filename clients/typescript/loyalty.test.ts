// A TypeScript client generated from ../openapi.yaml, used unchanged: openapi-typescript writes the types into
// target/generated/loyalty.d.ts, openapi-fetch's createClient<paths>() calls the service with them, and tsc (strict)
// type-checks every request and every answer below; there is no cast. Run by ../../.ci/clients against Prism's
// validation proxy, so that every request and answer of this scenario is also checked against the document.
//
//   LOYALTY_BASE_URL=http://127.0.0.1:4010 node --test target/typescript/loyalty.test.js
//
// Each run uses fresh random account and program ids and filters every read by its account, so runs do not interfere.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "../target/generated/loyalty.js";

type Schemas = components["schemas"];
type Membership = Schemas["Membership"];
type MembershipsResponse = Schemas["MembershipsResponse"];
type ApiError = Schemas["Error"];
type Profile = Schemas["Profile"];

// The demo data that the local server seeds (README, "Demo tokens").
const CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
const PORTFOLIO_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
const ENTERPRISE_TOKEN = "4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5";
const CHAIN_A = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const CLIENT = "Loyalty TypeScript client check 1.0.0";
const portfolio = { ClientToken: CLIENT_TOKEN, AccessToken: PORTFOLIO_TOKEN, Client: CLIENT } as const;
const enterprise = { ClientToken: CLIENT_TOKEN, AccessToken: ENTERPRISE_TOKEN, Client: CLIENT } as const;

// Exactly the properties of the schemas, checked by the compiler against the generated types: a property that the
// document adds or removes and that is not added or removed here is a compile error (missing key, or excess
// property). Written in the document's order, which the Membership schema's description promises.
const MEMBERSHIP_PROPERTIES = {
  Id: true, ChainId: true, AccountId: true, LoyaltyProgramId: true, State: true, IsPrimary: true,
  ProviderMembershipId: true, Code: true, MembershipNumber: true, Points: true, ExpirationDate: true, Url: true,
  LoyaltyTierId: true, CreatorProfile: true, UpdaterProfile: true,
} as const satisfies Record<keyof Membership, true>;
const RESPONSE_PROPERTIES = { LoyaltyMemberships: true, Cursor: true } as const satisfies Record<keyof MembershipsResponse, true>;
const PROFILE_PROPERTIES = { Discriminator: true, EnterpriseProfile: true } as const satisfies Record<keyof Profile, true>;
const ERROR_PROPERTIES = { Message: true, RequestId: true, Details: true } as const satisfies Record<keyof ApiError, true>;
const MEMBERSHIP_KEYS = Object.keys(MEMBERSHIP_PROPERTIES);

const INTEGRATION: Profile = { Discriminator: "Integration", EnterpriseProfile: null };

function baseUrl(): string {
  const url = process.env["LOYALTY_BASE_URL"];
  if (url === undefined || url === "") {
    throw new Error("Set LOYALTY_BASE_URL to the service (or to Prism's proxy in front of it), e.g. http://127.0.0.1:4010");
  }
  return url;
}

// Every answer must come from the service, not from Prism: Prism's validation proxy (--errors) answers a request or
// response violation itself with application/problem+json, and reports a violation it lets through (an undocumented
// status code) in an `sl-violations` header. The service always sends `Request-Id`.
const problems: string[] = [];
const watchProxy: Middleware = {
  async onResponse({ request, response }) {
    const where = `${request.method} ${new URL(request.url).pathname} -> ${response.status}`;
    const violations = response.headers.get("sl-violations");
    if (violations !== null) problems.push(`${where}: Prism reports ${violations}`);
    if ((response.headers.get("content-type") ?? "").startsWith("application/problem+json")) {
      problems.push(`${where}: Prism answered ${await response.clone().text()}`);
    }
    if (response.headers.get("Request-Id") === null) problems.push(`${where}: no Request-Id header`);
    return undefined;
  },
};

const client = createClient<paths>({ baseUrl: baseUrl() });
client.use(watchProxy);

function noProblems(): void {
  assert.deepEqual(problems.splice(0), [], "answers that Prism flagged or that did not come from the service");
}

function present<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, `${what}: no body`);
  return value;
}

function assertShape(response: MembershipsResponse): void {
  assert.deepEqual(Object.keys(response), Object.keys(RESPONSE_PROPERTIES), "MembershipsResponse properties");
  for (const m of response.LoyaltyMemberships) {
    assert.deepEqual([...Object.keys(m)].sort(), [...MEMBERSHIP_KEYS].sort(), `Membership ${m.Id}: exactly the schema's properties`);
    assert.deepEqual(Object.keys(m), MEMBERSHIP_KEYS, `Membership ${m.Id}: properties in the document's order`);
    assert.deepEqual(Object.keys(m.CreatorProfile), Object.keys(PROFILE_PROPERTIES), "CreatorProfile properties");
    assert.deepEqual(Object.keys(m.UpdaterProfile), Object.keys(PROFILE_PROPERTIES), "UpdaterProfile properties");
  }
  const last = response.LoyaltyMemberships.at(-1);
  assert.equal(response.Cursor, last === undefined ? null : last.Id, "Cursor is the last Id, or null for an empty page");
}

function assertError(error: ApiError, response: Response, message: string | RegExp): void {
  assert.deepEqual(Object.keys(error), Object.keys(ERROR_PROPERTIES), "Error properties");
  if (typeof message === "string") assert.equal(error.Message, message);
  else assert.match(error.Message, message);
  assert.equal(error.RequestId, response.headers.get("Request-Id"));
  assert.equal(error.Details, null);
}

function byId(list: readonly Membership[]): Map<string, Membership> {
  return new Map(list.map((m) => [m.Id, m]));
}

test("loyalty memberships through a client generated from openapi.yaml", async (t) => {
  const account = randomUUID();
  const program = randomUUID();
  const otherProgram = randomUUID();
  const tier = randomUUID();
  const tag = account.slice(0, 8);
  // What each membership must look like, kept up to date with every write; every read is compared with it whole.
  const expected = new Map<string, Membership>();
  let full: [string, string] = ["", ""];
  let minimal: [string, string, string] = ["", "", ""];

  await t.test("add with every optional property (portfolio token, ChainId, Idempotency-Key)", async () => {
    const key = `ts-client-${randomUUID()}`;
    const body = {
      ...portfolio,
      ChainId: CHAIN_A,
      LoyaltyMemberships: [
        {
          AccountId: account.toUpperCase(), // GUIDs are accepted in upper case, and answered in lower case
          LoyaltyProgramId: program,
          IsPrimary: true,
          State: "Pending",
          MembershipNumber: `MBR-${tag}-1`,
          Points: 22,
          ExpirationDate: "2029-12-24",
          Url: "https://rewards.example.com/member/PRV-1?lang=en",
          LoyaltyTierId: tier.toUpperCase(),
        },
        {
          AccountId: account,
          LoyaltyProgramId: program,
          IsPrimary: false,
          State: "New",
          MembershipNumber: `MBR-${tag}-2`,
          Points: -2147483648,
          ExpirationDate: "2029-12-24T10:00:00Z",
          Url: "http://rewards.example.com/member/PRV-2",
          LoyaltyTierId: tier,
        },
      ],
    } satisfies Schemas["AddRequest"];
    const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/add", {
      params: { header: { "Idempotency-Key": key } },
      body,
    });
    noProblems();
    assert.equal(error, undefined);
    assert.equal(response.status, 200);
    const added = present(data, "add");
    assertShape(added);
    assert.equal(added.LoyaltyMemberships.length, 2);
    const [first, second] = added.LoyaltyMemberships;
    assert.ok(first !== undefined && second !== undefined);
    full = [first.Id, second.Id];
    assert.match(first.Id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expected.set(first.Id, {
      Id: first.Id, ChainId: CHAIN_A, AccountId: account, LoyaltyProgramId: program, State: "Pending", IsPrimary: true,
      ProviderMembershipId: null, Code: `MBR-${tag}-1`, MembershipNumber: `MBR-${tag}-1`, Points: 22,
      ExpirationDate: "2029-12-24T00:00:00Z", Url: "https://rewards.example.com/member/PRV-1?lang=en", LoyaltyTierId: tier,
      CreatorProfile: INTEGRATION, UpdaterProfile: INTEGRATION,
    });
    expected.set(second.Id, {
      Id: second.Id, ChainId: CHAIN_A, AccountId: account, LoyaltyProgramId: program, State: "New", IsPrimary: false,
      ProviderMembershipId: null, Code: `MBR-${tag}-2`, MembershipNumber: `MBR-${tag}-2`, Points: -2147483648,
      ExpirationDate: "2029-12-24T10:00:00Z", Url: "http://rewards.example.com/member/PRV-2", LoyaltyTierId: tier,
      CreatorProfile: INTEGRATION, UpdaterProfile: INTEGRATION,
    });
    assert.deepEqual(added.LoyaltyMemberships, [expected.get(first.Id), expected.get(second.Id)]);

    // The same key and body again: the kept answer, byte for byte, marked as replayed.
    const replay = await client.POST("/api/connector/v1/loyaltyMemberships/add", {
      params: { header: { "Idempotency-Key": key } },
      body,
    });
    noProblems();
    assert.equal(replay.response.status, 200);
    assert.equal(replay.response.headers.get("Idempotent-Replayed"), "true");
    assert.deepEqual(replay.data, added);
  });

  await t.test("add with only the required properties (single-enterprise token, no ChainId)", async () => {
    const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/add", {
      body: {
        ...enterprise,
        LoyaltyMemberships: [
          { AccountId: account, LoyaltyProgramId: otherProgram, IsPrimary: false },
          { AccountId: account, LoyaltyProgramId: otherProgram, IsPrimary: false },
          { AccountId: account, LoyaltyProgramId: otherProgram, IsPrimary: false },
        ],
      },
    });
    noProblems();
    assert.equal(error, undefined);
    assert.equal(response.status, 200);
    const added = present(data, "add");
    assertShape(added);
    const ids = added.LoyaltyMemberships.map((m) => m.Id);
    assert.equal(ids.length, 3);
    minimal = [ids[0] ?? "", ids[1] ?? "", ids[2] ?? ""];
    for (const id of ids) {
      expected.set(id, {
        Id: id, ChainId: CHAIN_A, AccountId: account, LoyaltyProgramId: otherProgram, State: "Enrolled", IsPrimary: false,
        ProviderMembershipId: null, Code: null, MembershipNumber: null, Points: null, ExpirationDate: null, Url: null,
        LoyaltyTierId: null, CreatorProfile: INTEGRATION, UpdaterProfile: INTEGRATION,
      });
    }
    assert.deepEqual(added.LoyaltyMemberships, ids.map((id) => expected.get(id)));
  });

  await t.test("getAll pages of 2 until the Cursor is null", async () => {
    const page = async (cursor: string | null): Promise<MembershipsResponse> => {
      const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/getAll", {
        body: {
          ...portfolio,
          LanguageCode: "en-US",
          CultureCode: null,
          AccountIds: [account],
          Limitation: { Count: 2, Cursor: cursor },
        },
      });
      noProblems();
      assert.equal(error, undefined);
      assert.equal(response.status, 200);
      const got = present(data, "getAll");
      assertShape(got);
      return got;
    };
    const seen: Membership[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      assert.ok(pageSizes.length < 10, "paging does not end");
      const got = await page(cursor);
      pageSizes.push(got.LoyaltyMemberships.length);
      seen.push(...got.LoyaltyMemberships);
      cursor = got.Cursor;
    } while (cursor !== null);
    // 5 memberships: pages of 2, 2, 1 (short), then an empty page whose Cursor is null.
    assert.deepEqual(pageSizes, [2, 2, 1, 0]);
    assert.equal(new Set(seen.map((m) => m.Id)).size, 5, "no membership twice");
    // Newest first: the three of the second add before the two of the first.
    assert.deepEqual(new Set(seen.slice(0, 3).map((m) => m.Id)), new Set(minimal));
    assert.deepEqual(new Set(seen.slice(3).map((m) => m.Id)), new Set(full));
    for (const m of seen) assert.deepEqual(m, expected.get(m.Id));
  });

  await t.test("update: set values, clear values with {Value: null}, leave the rest", async () => {
    const [a, b] = full;
    const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/update", {
      body: {
        ...portfolio,
        ChainId: CHAIN_A,
        LoyaltyMembershipUpdates: [
          {
            LoyaltyMembershipId: a,
            LoyaltyProgramId: { Value: otherProgram },
            State: { Value: "Canceled" },
            IsPrimary: { Value: false },
            MembershipNumber: { Value: `MBR-${tag}-1B` },
            ProviderMembershipId: { Value: `PRV-${tag}` },
            Points: { Value: 2147483647 },
            ExpirationDate: { Value: "2031-02-03T04:05:06+02:00" },
            Url: { Value: "https://final-rewards.example.com/member/PRV-1" },
            LoyaltyTierId: { Value: null },
          },
          {
            LoyaltyMembershipId: b.toUpperCase(),
            State: null, // null: unchanged
            MembershipNumber: { Value: null },
            Points: { Value: null },
            ExpirationDate: { Value: null },
            Url: { Value: null },
          },
        ],
      },
    });
    noProblems();
    assert.equal(error, undefined);
    assert.equal(response.status, 200);
    const updated = present(data, "update");
    assertShape(updated);
    const before = { a: expected.get(a), b: expected.get(b) };
    assert.ok(before.a !== undefined && before.b !== undefined);
    expected.set(a, {
      ...before.a, LoyaltyProgramId: otherProgram, State: "Canceled", IsPrimary: false,
      MembershipNumber: `MBR-${tag}-1B`, Code: `MBR-${tag}-1B`, ProviderMembershipId: `PRV-${tag}`, Points: 2147483647,
      ExpirationDate: "2031-02-03T02:05:06Z", Url: "https://final-rewards.example.com/member/PRV-1", LoyaltyTierId: null,
    });
    expected.set(b, { ...before.b, MembershipNumber: null, Code: null, Points: null, ExpirationDate: null, Url: null });
    assert.deepEqual(updated.LoyaltyMemberships, [expected.get(a), expected.get(b)]);
  });

  await t.test("delete, with and without Prefer: return=minimal", async () => {
    const [, b] = full;
    const [m1, m2] = minimal;
    const first = await client.POST("/api/connector/v1/loyaltyMemberships/delete", {
      body: { ...portfolio, ChainId: CHAIN_A, LoyaltyMembershipIds: [b, m1] },
    });
    noProblems();
    assert.equal(first.error, undefined);
    assert.equal(first.response.status, 200);
    assert.deepEqual(first.data, {});

    const minimalAnswer = await client.POST("/api/connector/v1/loyaltyMemberships/delete", {
      params: { header: { Prefer: "return=minimal" } },
      body: { ...enterprise, LoyaltyMembershipIds: [m2, b] }, // b again: deleting a deleted membership is no error
    });
    noProblems();
    assert.equal(minimalAnswer.error, undefined);
    assert.equal(minimalAnswer.response.status, 204);
    assert.equal(minimalAnswer.data, undefined);
  });

  await t.test("read back: deleted, active, and both", async () => {
    const read = async (activityStates: Schemas["ActivityState"][] | null, token: typeof portfolio | typeof enterprise) => {
      const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/getAll", {
        body: { ...token, AccountIds: [account], ActivityStates: activityStates, Limitation: { Count: 100 } },
      });
      noProblems();
      assert.equal(error, undefined);
      assert.equal(response.status, 200);
      const got = present(data, "getAll");
      assertShape(got);
      for (const m of got.LoyaltyMemberships) assert.deepEqual(m, expected.get(m.Id));
      return [...byId(got.LoyaltyMemberships).keys()].sort();
    };
    const [a, b] = full;
    const [m1, m2, m3] = minimal;
    assert.deepEqual(await read(["Deleted"], portfolio), [b, m1, m2].sort());
    assert.deepEqual(await read(null, portfolio), [a, m3].sort());
    assert.deepEqual(await read(["Active", "Deleted"], enterprise), [a, b, m1, m2, m3].sort());
  });

  await t.test("an empty page with Prefer: return=minimal is 204", async () => {
    const { data, error, response } = await client.POST("/api/connector/v1/loyaltyMemberships/getAll", {
      params: { header: { Prefer: "return=minimal" } },
      body: { ...portfolio, AccountIds: [randomUUID()], Limitation: { Count: 10 } },
    });
    noProblems();
    assert.equal(error, undefined);
    assert.equal(response.status, 204);
    assert.equal(data, undefined);
  });

  await t.test("errors are the Error schema: 401 for a wrong token, 400 for a deleted membership", async () => {
    const unauthorized = await client.POST("/api/connector/v1/loyaltyMemberships/getAll", {
      body: { ...portfolio, AccessToken: "not-a-token", Limitation: { Count: 1 } },
    });
    noProblems();
    assert.equal(unauthorized.response.status, 401);
    assert.equal(unauthorized.data, undefined);
    const e401: ApiError = present(unauthorized.error, "401");
    assertError(e401, unauthorized.response, "Invalid or missing ClientToken or AccessToken.");

    const [, b] = full;
    const invalid = await client.POST("/api/connector/v1/loyaltyMemberships/update", {
      body: { ...portfolio, ChainId: CHAIN_A, LoyaltyMembershipUpdates: [{ LoyaltyMembershipId: b, Points: { Value: 1 } }] },
    });
    noProblems();
    assert.equal(invalid.response.status, 400);
    const e400: ApiError = present(invalid.error, "400");
    assertError(e400, invalid.response, /^Invalid LoyaltyMembershipId\b/);
  });
});
