#!/usr/bin/env node
// Checks the checker: replay.mjs against a fake service that answers some requests wrongly must find exactly those
// answers, whether Prism forwards the request (strict proxy) or rejects it first (lenient recheck).
//
//   node conformance/selftest.mjs
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "..", "target", "conformance-selftest");
fs.mkdirSync(out, { recursive: true });

const EMPTY_PAGE = '{"LoyaltyMemberships":[],"Cursor":null}';
const ERROR = (details) => `{"Message":"Invalid Count.","RequestId":"r-1","Details":${details}}`;
// What the fake service answers, by the request's x-selftest header (Prism forwards it).
const answers = {
  ok: [200, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, EMPTY_PAGE],
  extraProperty: [200, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, '{"LoyaltyMemberships":[],"Cursor":null,"Total":0}'],
  undocumentedStatus: [418, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, ERROR("null")],
  notJson: [200, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, "{oops"],
  noRequestId: [200, { "content-type": "application/json; charset=utf-8" }, EMPTY_PAGE],
  badErrorForRejected: [400, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, ERROR("1")],
  goodErrorForRejected: [400, { "content-type": "application/json; charset=utf-8", "request-id": "r-1" }, ERROR("null")],
};
const fake = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const [status, headers, body] = answers[req.headers["x-selftest"]] ?? [500, { "content-type": "text/plain" }, "unknown case"];
    res.writeHead(status, headers);
    res.end(body);
  });
});
await new Promise((resolve) => fake.listen(0, "127.0.0.1", resolve));
const upstream = `http://127.0.0.1:${fake.address().port}`;

const valid = { ClientToken: "c", AccessToken: "a", Client: "selftest", Limitation: { Count: 1 } };
const invalid = { ...valid, Limitation: { Count: 0 } };
const line = (selftest, body) => JSON.stringify({
  method: "POST",
  path: "/api/connector/v1/loyaltyMemberships/getAll",
  headers: { "content-type": "application/json", "x-selftest": selftest },
  body64: Buffer.from(JSON.stringify(body)).toString("base64"),
});
const traffic = path.join(out, "traffic.jsonl");
fs.writeFileSync(traffic, [
  line("ok", valid),
  line("extraProperty", valid),
  line("undocumentedStatus", valid),
  line("notJson", valid),
  line("noRequestId", valid),
  line("badErrorForRejected", invalid),
  line("goodErrorForRejected", invalid),
].join("\n") + "\n");

const child = spawn(process.execPath, [path.join(here, "replay.mjs"), "--upstream", upstream, "--out", out, traffic], { stdio: ["ignore", "pipe", "inherit"] });
let output = "";
child.stdout.on("data", (c) => {
  output += c;
});
const code = await new Promise((resolve) => child.on("exit", resolve));
fake.close();

const expectations = [
  [code === 1, `replay.mjs exits 1 (it exited ${code})`],
  [output.includes("prism: 7 requests, 5 response violations, 2 requests the document rejects, 0 not validated"), "the summary counts 5 violations (4 forwarded, 1 rechecked) and 2 rejected requests"],
  [/prism: 2 of them .*so that the service's answer is validated: 1 response violations/.test(output), "the rechecked rejected request with a wrong answer is a violation"],
  [/additional properties/.test(output), "Prism's explanation of the extra property is printed"],
  [/Unable to match the returned status code/.test(output), "an undocumented status code is a violation"],
  [/the answer is not JSON/.test(output), "an answer that is not JSON is a violation"],
  [/required property 'request-id'/.test(output), "a missing Request-Id header is a violation"],
  [/Details must be equal to constant/.test(output), "the wrong answer to a rejected request is a violation"],
];
const failed = expectations.filter(([ok]) => !ok);
if (failed.length > 0 || process.env.SELFTEST_VERBOSE) console.log(output);
for (const [, what] of failed) console.log(`selftest: FAILED: ${what}`);
console.log(`selftest: replay.mjs against a fake service that answers wrongly: ${expectations.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length > 0 ? 1 : 0);
