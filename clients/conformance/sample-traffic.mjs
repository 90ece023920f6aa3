#!/usr/bin/env node
// Writes a small traffic file in the format replay.mjs reads: valid requests of the four operations (demo tokens of
// the local server), requests the document rejects, and lines Prism cannot take (a body that is not JSON, a header
// too large for its HTTP server, a header Node cannot send). For trying replay.mjs without the acceptance suite:
//
//   node conformance/sample-traffic.mjs target/conformance/sample.jsonl
//   node conformance/replay.mjs --upstream http://127.0.0.1:3000 target/conformance/sample.jsonl
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: node conformance/sample-traffic.mjs OUT.jsonl");
  process.exit(2);
}

const base = "/api/connector/v1/loyaltyMemberships";
const CT = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
const PORTFOLIO = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
const ENTERPRISE = "4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5";
const CHAIN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const auth = { ClientToken: CT, AccessToken: PORTFOLIO, Client: "Sample Client 1.0.0" };
const json = { "content-type": "application/json" };
const account = randomUUID();
const program = randomUUID();

const lines = [];
const add = (method, op, headers, body) => {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  lines.push(JSON.stringify({ method, path: op.startsWith("/") ? op : `${base}/${op}`, headers, body64: bytes.toString("base64") }));
};

// Valid: the service answers, and every answer must conform.
add("POST", "add", json, { ...auth, ChainId: CHAIN, LoyaltyMemberships: [{ AccountId: account, LoyaltyProgramId: program, IsPrimary: true, State: "Pending", MembershipNumber: "MBR-1", Points: 5, ExpirationDate: "2029-12-24", Url: "https://rewards.example.com/m/1", LoyaltyTierId: randomUUID() }] });
add("POST", "add", { "content-type": "application/json; charset=utf-8", "idempotency-key": `sample-${account}` }, { ...auth, AccessToken: ENTERPRISE, LoyaltyMemberships: [{ AccountId: account, LoyaltyProgramId: program, IsPrimary: false }] });
add("POST", "getAll", json, { ...auth, AccountIds: [account], Limitation: { Count: 1 } });
add("POST", "getAll", { ...json, prefer: "return=minimal" }, { ...auth, AccountIds: [randomUUID()], Limitation: { Count: 1 } });
add("POST", "getAll", json, { ...auth, AccessToken: "wrong", Limitation: { Count: 1 } }); // 401
add("POST", "update", json, { ...auth, ChainId: CHAIN, LoyaltyMembershipUpdates: [{ LoyaltyMembershipId: randomUUID() }] }); // 400 unknown Id
add("POST", "delete", json, { ...auth, ChainId: CHAIN, LoyaltyMembershipIds: [randomUUID()] }); // 400 unknown Id
add("POST", "getAll", json, { ...auth, Limitation: { Count: 1 }, Pad: "x".repeat(6 * 1024 * 1024) }); // 413 from the service
add("POST", "getAll", json, `{"ClientToken":"${CT}","Client":"a","AccessToken":"${PORTFOLIO}","Client":"b","Limitation":{"Count":1}}`); // duplicate name: Prism keeps the last one
// Rejected by the document (Prism answers 422/404/405 itself); their answers are rechecked through the lenient proxy.
add("POST", "getAll", json, { ...auth, Limitation: { Count: 0 } });
add("POST", "getAll", json, { clienttoken: CT, accesstoken: PORTFOLIO, client: "lower case names", limitation: { count: 1 } });
add("POST", "getAll", { "content-type": "text/plain" }, JSON.stringify({ ...auth, Limitation: { Count: 1 } }));
add("POST", "getAll", {}, JSON.stringify({ ...auth, Limitation: { Count: 1 } })); // no Content-Type
add("POST", "add", json, { ...auth, ChainId: CHAIN, LoyaltyMemberships: [] });
add("POST", "add", json, [1, 2, 3]);
add("POST", "getAll", json, undefined); // no body
add("GET", "getAll", {}, undefined);
add("POST", "getall", json, { ...auth, Limitation: { Count: 1 } });
add("POST", "/api/connector/v1/loyaltyMemberships/getAll/", json, { ...auth, Limitation: { Count: 1 } });
// Lines Prism cannot take.
add("POST", "getAll", json, '{"ClientToken": '); // not JSON: Prism never answers
add("POST", "getAll", { ...json, "x-big": "y".repeat(20000) }, { ...auth, Limitation: { Count: 1 } }); // 431 from Node's HTTP server
add("POST", "getAll", { ...json, "x-odd": "caf\u00e9 \u2603" }, { ...auth, Limitation: { Count: 1 } }); // not Latin-1: Node refuses to send it
// Transport headers of the recording are set by the client instead.
add("POST", "getAll", { ...json, "Content-Length": "3", Connection: "close" }, { ...auth, Limitation: { Count: 1 } });

fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, `${lines.join("\n")}\n`);
console.log(`sample-traffic: ${lines.length} lines in ${out}`);
