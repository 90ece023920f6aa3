#!/usr/bin/env node
// Replays recorded traffic through Prism's validation proxy and fails on any answer of the service that
// ../openapi.yaml does not describe.
//
//   node conformance/replay.mjs --upstream http://127.0.0.1:3000 ../acceptance/target/traffic.jsonl
//
// The traffic file has one JSON object a line:
//   {"method":"POST","path":"/api/connector/v1/loyaltyMemberships/add","headers":{"content-type":"application/json"},
//    "body64":"<base64 of the raw body bytes>"}
// (`headers` values may be strings or arrays of strings; `body64` may be absent or "" for no body.)
//
// How it works. This script starts, on free ports of 127.0.0.1:
//   - a tap: a small HTTP forwarder to --upstream that remembers each answer of the service (to print it);
//   - `prism proxy <document> <tap> --errors` (the strict proxy), which validates each request, refuses an invalid one
//     with its own 422 (or 404/405 for a path or method the document does not have) without forwarding it, forwards a
//     valid one, validates the answer, and replaces an invalid answer with its own 500 `#VIOLATIONS` problem (a status
//     code the document does not list is only a warning: the answer passes, with an `sl-violations` header);
//   - `prism proxy <document> <tap>` without --errors (the lenient proxy), through which each request that the strict
//     proxy refused for its body, headers or content type is sent once, so that the service's answer to it is
//     validated too (it answers the request's violations in `sl-violations` but forwards it; the service sees each
//     request once either way).
// Each line is sent to the strict proxy (--concurrency at a time) and counted as one of:
//   passed            the service answered and Prism found nothing wrong with the answer;
//   response violation Prism found the answer invalid (its #VIOLATIONS problem, an `sl-violations` entry located in
//                     the response, or an answer that is not JSON): the run FAILS and prints the request, Prism's
//                     explanation and the service's answer;
//   rejected          the document rejects the request (expected for deliberately invalid traffic); counted by reason;
//   not validated     Prism cannot take the line, for a reason of its own, listed with a count and not a failure:
//                     a JSON content type with a body that is not JSON (Prism 5.16 never answers it: it is given
//                     3 s), a body nested thousands deep (Prism answers 500 RangeError, or dies just after answering
//                     while it logs the request: it is then started again and the lines in flight are sent again,
//                     alone; a line that kills it twice in a row is listed as one Prism crashes on), a request its
//                     HTTP layer refuses (431 headers too large; its body reader's {"error": ...} for a Content-Type
//                     it cannot parse), or one that Node's HTTP client cannot send (a control character in a header
//                     value, ...);
//   failure           anything unexplained (no answer within --timeout, an unknown Prism problem type, the service
//                     not answering, a malformed traffic line): the run FAILS.
// Transport headers of the recording (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, Expect, TE,
// Trailer, Upgrade) are not replayed: this client sets its own; the count of lines that had them is printed.
// Note that Prism forwards a body it parsed as JSON re-serialized (JSON.parse then JSON.stringify), not the recorded
// bytes, so the service may answer a replayed request differently from the recorded run; every answer must conform
// to the document all the same.
//
// Options:
//   --upstream URL      the service (required)
//   --document PATH     the OpenAPI document (default: ../openapi.yaml beside this folder); Prism reads a copy, so
//                       that an edit during the run does not restart it
//   --concurrency N     requests in flight (default 4)
//   --timeout S         seconds to wait for an answer (default 120; a body Prism is expected to hang on: 3)
//   --out DIR           where Prism's logs and report.jsonl (every line that did not pass) go
//                       (default: target/conformance beside this folder)
//   --no-recheck        do not send rejected requests through the lenient proxy
//
// Exit code: 0 when no response violation and no failure; 1 otherwise; 2 for bad arguments.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const clientsDir = path.resolve(here, "..");
const prismBin = path.join(clientsDir, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");

const LINE_HEADER = "x-replay-line";
const TRANSPORT_HEADERS = new Set([
  "host", "content-length", "transfer-encoding", "connection", "keep-alive", "expect", "te", "trailer", "upgrade",
  "proxy-connection", LINE_HEADER,
]);
const HANG_TIMEOUT_MS = 3000;
const SNIPPET = 1500;

// ---- arguments -------------------------------------------------------------------------------------------------

function usage(message) {
  if (message) console.error(`replay: ${message}`);
  console.error("usage: node conformance/replay.mjs --upstream URL [--document PATH] [--concurrency N] [--timeout S] [--out DIR] [--no-recheck] TRAFFIC.jsonl");
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    document: path.resolve(clientsDir, "..", "openapi.yaml"),
    concurrency: 4,
    timeoutMs: 120_000,
    out: path.join(clientsDir, "target", "conformance"),
    recheck: true,
  };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--upstream") opts.upstream = value();
    else if (a === "--document") opts.document = path.resolve(value());
    else if (a === "--concurrency") opts.concurrency = Number(value());
    else if (a === "--timeout") opts.timeoutMs = Number(value()) * 1000;
    else if (a === "--out") opts.out = path.resolve(value());
    else if (a === "--no-recheck") opts.recheck = false;
    else if (a === "--help" || a === "-h") usage();
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else rest.push(a);
  }
  if (!opts.upstream) usage("--upstream is required");
  if (rest.length !== 1) usage("give exactly one traffic file");
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) usage("--concurrency must be a whole number >= 1");
  if (!(opts.timeoutMs > 0)) usage("--timeout must be a positive number of seconds");
  opts.traffic = path.resolve(rest[0]);
  if (!fs.existsSync(opts.traffic)) usage(`no traffic file at ${opts.traffic}`);
  if (!fs.existsSync(opts.document)) usage(`no document at ${opts.document}`);
  if (!fs.existsSync(prismBin)) usage(`Prism is not installed (${prismBin}): run npm ci in ${clientsDir}`);
  const u = new URL(opts.upstream);
  if (u.protocol !== "http:") usage("--upstream must be an http:// URL");
  return opts;
}

// ---- the tap: forwards Prism's requests to the service and remembers the answers ------------------------------------

function startTap(upstream) {
  const target = new URL(upstream);
  const answers = new Map(); // line number -> { status, headers, body }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const line = req.headers[LINE_HEADER];
      const headers = {};
      for (const [name, v] of Object.entries(req.headers)) {
        if (!TRANSPORT_HEADERS.has(name)) headers[name] = v;
      }
      if (body.length > 0 || req.method === "POST" || req.method === "PUT" || req.method === "PATCH") {
        headers["content-length"] = String(body.length);
      }
      const forward = (attempt) => {
        const request = http.request(
          { host: target.hostname, port: target.port || 80, method: req.method, path: req.url, headers, agent },
          (answer) => {
            const out = [];
            answer.on("data", (c) => out.push(c));
            answer.on("end", () => {
              const answerBody = Buffer.concat(out);
              if (typeof line === "string") {
                answers.set(Number(line), { status: answer.statusCode, headers: answer.headers, body: answerBody.subarray(0, 64 * 1024).toString("utf8") });
              }
              const back = {};
              for (const [name, v] of Object.entries(answer.headers)) {
                if (!TRANSPORT_HEADERS.has(name)) back[name] = v;
              }
              back["content-length"] = String(answerBody.length);
              res.writeHead(answer.statusCode ?? 502, back);
              res.end(answerBody);
            });
          },
        );
        request.on("error", (e) => {
          if (attempt === 1 && request.reusedSocket && /ECONNRESET|EPIPE|socket hang up/.test(`${e.code} ${e.message}`)) {
            forward(2); // a kept-alive connection the service had closed
            return;
          }
          if (typeof line === "string") answers.set(Number(line), { status: 0, headers: {}, body: `tap: the service did not answer: ${e.message}` });
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(`tap: the service did not answer: ${e.message}`);
        });
        request.end(body);
      };
      forward(1);
    });
  });
  // Prism's HTTP client keeps connections to the tap alive: the tap never closes an idle one first.
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1000;
  server.requestTimeout = 0;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, answers, server, agent }));
  });
}

// ---- Prism ---------------------------------------------------------------------------------------------------------

const children = new Set();
function stopChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
}
process.on("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopChildren();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

// One `prism proxy` process, restarted when it dies. Prism logs at "warn" (violations and refusals): at "info" it logs
// every request with its body, which costs seconds for a body of several MiB. At that level it does not log "Prism is
// listening", so readiness is its port answering.
class Proxy {
  constructor(name, document, upstream, errors, logFile) {
    Object.assign(this, { name, document, upstream, errors, logFile });
    this.generation = 0;
    this.crashes = 0;
    this.restarting = undefined;
    this.recent = []; // [line, time] of the last answers: a Prism that dies of a line dies just after answering it
    this.deaths = [];
  }

  async start() {
    const port = await freePort();
    const args = [prismBin, "proxy", this.document, this.upstream, "-h", "127.0.0.1", "-p", String(port), "--cors=false", "-v", "warn"];
    if (this.errors) args.push("--errors");
    const log = fs.openSync(this.logFile, this.generation === 0 ? "w" : "a");
    const child = spawn(process.execPath, args, { cwd: clientsDir, stdio: ["ignore", log, log] });
    fs.closeSync(log);
    children.add(child);
    child.once("exit", () => {
      child.exitedAt = Date.now();
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the ${this.name} Prism exited (${child.exitCode ?? child.signalCode}) before listening; its log: ${this.logFile}\n${tail(this.logFile)}`);
      }
      if (await canConnect(port)) break;
      if (Date.now() > deadline) throw new Error(`the ${this.name} Prism did not listen on ${port} within 90 s; its log: ${this.logFile}\n${tail(this.logFile)}`);
      await sleep(200);
    }
    this.child = child;
    this.url = `http://127.0.0.1:${port}`;
    this.agent?.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    this.generation++;
    return this;
  }

  alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  // After a connection error: did the process of `generation` die? (Its exit may be seen a moment after the reset.)
  async diedAt(generation) {
    if (this.generation !== generation) return true;
    const deadline = Date.now() + 2000;
    while (this.alive() && Date.now() < deadline) await sleep(50);
    return !this.alive();
  }

  // Starts a new process when this one died; concurrent callers share one restart.
  ensureUp() {
    if (!this.restarting) {
      this.restarting = (async () => {
        if (this.alive()) return;
        this.crashes++;
        const died = this.child.exitedAt ?? Date.now();
        const suspects = this.recent.filter(([, at]) => Math.abs(at - died) <= 500).map(([line]) => line).reverse().slice(0, 3);
        this.deaths.push(suspects);
        fs.appendFileSync(this.logFile, `\n==== replay.mjs: Prism died (${this.child.exitCode ?? this.child.signalCode}) just after answering traffic line(s) ${suspects.join(", ") || "(none)"}; starting it again ====\n`);
        await this.start();
      })().finally(() => {
        this.restarting = undefined;
      });
    }
    return this.restarting;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Requests go through "shared"; a request that Prism may have died of is sent again "exclusive", alone, so that a
// second death is surely its own.
class Gate {
  active = 0;
  exclusiveHeld = false;
  exclusiveWaiting = 0;
  waiters = [];

  async shared(fn) {
    while (this.exclusiveHeld || this.exclusiveWaiting > 0) await this.wait();
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.wake();
    }
  }

  async exclusive(fn) {
    this.exclusiveWaiting++;
    while (this.exclusiveHeld || this.active > 0) await this.wait();
    this.exclusiveWaiting--;
    this.exclusiveHeld = true;
    try {
      return await fn();
    } finally {
      this.exclusiveHeld = false;
      this.wake();
    }
  }

  wait() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

// ---- one request ---------------------------------------------------------------------------------------------------

function parseLine(text, lineNo) {
  let rec;
  try {
    rec = JSON.parse(text);
  } catch (e) {
    throw new Error(`line ${lineNo} is not JSON: ${e.message}`);
  }
  if (rec === null || typeof rec !== "object" || Array.isArray(rec)) throw new Error(`line ${lineNo} is not a JSON object`);
  if (typeof rec.method !== "string" || rec.method === "") throw new Error(`line ${lineNo}: "method" must be a non-empty string`);
  if (typeof rec.path !== "string" || !rec.path.startsWith("/")) throw new Error(`line ${lineNo}: "path" must be a string starting with /`);
  const headers = rec.headers ?? {};
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) throw new Error(`line ${lineNo}: "headers" must be an object`);
  for (const [name, v] of Object.entries(headers)) {
    const ok = typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
    if (!ok) throw new Error(`line ${lineNo}: header ${JSON.stringify(name)} must be a string or an array of strings`);
  }
  const body64 = rec.body64 ?? "";
  if (typeof body64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(body64)) throw new Error(`line ${lineNo}: "body64" must be base64`);
  const body = Buffer.from(body64, "base64");
  return { method: rec.method, path: rec.path, headers, body };
}

function headerValue(headers, wanted) {
  for (const [name, v] of Object.entries(headers)) {
    if (name.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

// Prism parses a body as JSON when its media type is application/json or application/*+json, and then never answers
// a body that is not JSON (Prism 5.16: its body parser's error handler waits for an 'end' event that already came).
function prismWillHang(req) {
  if (req.body.length === 0) return false;
  const type = (headerValue(req.headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!(type === "application/json" || /^application\/[^/]+\+json$/.test(type))) return false;
  for (const decoding of ["utf-8", "latin1"]) {
    try {
      JSON.parse(new TextDecoder(decoding).decode(req.body));
      return false;
    } catch {
      // try the next decoding
    }
  }
  return true;
}

// Sends a line once more on a new connection when a kept-alive one turned out closed (Prism's server closes a
// connection idle for 5 s, which races with its reuse).
async function send(prism, req, lineNo, timeoutMs) {
  const result = await sendOnce(prism, req, lineNo, timeoutMs);
  if (result.kind === "network" && result.reused && /ECONNRESET|EPIPE|socket hang up/.test(result.error)) {
    return sendOnce(prism, req, lineNo, timeoutMs);
  }
  return result;
}

function sendOnce(prism, req, lineNo, timeoutMs) {
  return new Promise((resolve) => {
    const u = new URL(prism.url);
    const headers = {};
    for (const [name, v] of Object.entries(req.headers)) {
      if (!TRANSPORT_HEADERS.has(name.toLowerCase())) headers[name] = v;
    }
    headers["content-length"] = String(req.body.length);
    headers[LINE_HEADER] = String(lineNo);
    let r;
    try {
      r = http.request({ host: u.hostname, port: u.port, method: req.method, path: req.path, headers, agent: prism.agent });
    } catch (e) {
      resolve({ kind: "unsendable", error: `${e.code ?? "Error"}: ${e.message}` });
      return;
    }
    const timer = setTimeout(() => {
      r.destroy(new Error("timeout"));
    }, timeoutMs);
    r.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ kind: "answer", status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (e) => {
        clearTimeout(timer);
        resolve({ kind: "network", error: `${e.code ?? "Error"}: ${e.message}`, reused: r.reusedSocket });
      });
    });
    r.on("error", (e) => {
      clearTimeout(timer);
      if (e.message === "timeout") resolve({ kind: "timeout" });
      else if (e.code === "ERR_INVALID_CHAR" || e.code === "ERR_INVALID_HTTP_TOKEN" || e.code === "ERR_HTTP_INVALID_HEADER_VALUE") {
        resolve({ kind: "unsendable", error: `${e.code}: ${e.message}` });
      } else resolve({ kind: "network", error: `${e.code ?? "Error"}: ${e.message}`, reused: r.reusedSocket });
    });
    try {
      r.end(req.body);
    } catch (e) {
      clearTimeout(timer);
      r.destroy();
      resolve({ kind: "unsendable", error: `${e.code ?? "Error"}: ${e.message}` });
    }
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// The entries of an `sl-violations` header that are about the response. Prism cuts a header longer than 8 KiB and
// prefixes it with "Too many violations!", so a header that does not parse is searched as text.
function responseViolationsInHeader(value) {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(",") : value;
  const parsed = parseJson(text);
  if (Array.isArray(parsed)) return parsed.filter((v) => Array.isArray(v?.location) && v.location[0] === "response");
  return text.includes('"location":["response"') ? [{ message: `(cut by Prism) ${text}` }] : [];
}

const ROUTE_PROBLEMS = new Set(["NO_PATH_MATCHED_ERROR", "NO_METHOD_MATCHED_ERROR", "NO_SERVER_MATCHED_ERROR"]);
const REQUEST_PROBLEMS = new Set(["UNPROCESSABLE_ENTITY", "INVALID_CONTENT_TYPE", "UNAUTHORIZED"]);

// What one answer of a Prism proxy means. `fromService`: the service's own answer (it always sends Request-Id; Prism's
// own answers are application/problem+json without it).
function classify(answer) {
  const ct = String(answer.headers["content-type"] ?? "");
  const fromService = answer.headers["request-id"] !== undefined && !ct.startsWith("application/problem+json");
  if (fromService) {
    const violations = responseViolationsInHeader(answer.headers["sl-violations"]);
    return violations.length > 0
      ? { outcome: "response-violation", violations }
      : { outcome: "passed" };
  }
  if (ct.startsWith("application/problem+json")) {
    const problem = parseJson(answer.body);
    const type = typeof problem?.type === "string" ? problem.type.replace(/^.*#/, "") : undefined;
    if (type === "VIOLATIONS") return { outcome: "response-violation", violations: problem.validation ?? [], problem };
    if (type === "FetchError" && /invalid json response body/.test(String(problem.title))) {
      return { outcome: "response-violation", violations: [{ message: `the answer is not JSON: ${problem.title}` }], problem };
    }
    if (type !== undefined && ROUTE_PROBLEMS.has(type)) return { outcome: "rejected", reason: `${answer.status} ${type}`, route: true, problem };
    if (type !== undefined && REQUEST_PROBLEMS.has(type)) {
      const first = Array.isArray(problem.validation) ? problem.validation[0] : undefined;
      const where = first && Array.isArray(first.location) ? first.location.join(".") : "";
      const what = first ? `${where ? where + ": " : ""}${first.code ?? ""} ${first.message ?? ""}`.trim() : problem.title;
      return { outcome: "rejected", reason: `${answer.status} ${type}: ${what}`, route: false, problem };
    }
    if (problem === undefined && (answer.status === 404 || answer.status === 405)) {
      return { outcome: "rejected", reason: `${answer.status} (no path or method in the document)`, route: true };
    }
    if (type !== undefined && /^[A-Za-z]*Error$/.test(type) && answer.status === 500) {
      // Prism's own failure, such as "RangeError: Maximum call stack size exceeded" on a body nested thousands deep.
      const key = `Prism failed on it: ${type}: ${problem.title}`;
      return { outcome: "not-validated", key, reason: key };
    }
    return { outcome: "failure", reason: `Prism answered an unexpected problem ${answer.status}: ${answer.body.slice(0, SNIPPET)}` };
  }
  // Refused before validation by Prism's HTTP layer: Node's parser (431 headers too large, 400) or micri, its body
  // reader ({"error": {"code": ...}}, e.g. 500 for a Content-Type it cannot parse, 400 for an unknown charset).
  const micri = parseJson(answer.body)?.error;
  if (typeof micri?.code === "string") {
    const key = `Prism's HTTP server could not read it: ${answer.status} ${micri.code}`;
    return { outcome: "not-validated", key, reason: `${key} (${micri.message})` };
  }
  if (answer.status === 431 || answer.status === 400 || answer.status === 413 || answer.status === 415) {
    const key = `Prism's HTTP server refused it with ${answer.status} before validating it`;
    return { outcome: "not-validated", key, reason: `${key}: ${answer.body.slice(0, 300)}` };
  }
  return { outcome: "failure", reason: `an answer that is neither the service's (no Request-Id) nor a Prism problem: ${answer.status} ${ct}` };
}

// ---- the run -------------------------------------------------------------------------------------------------------

function countInto(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function describeRequest(req) {
  const text = req.body.toString("utf8");
  const shown = text.length > SNIPPET ? `${text.slice(0, SNIPPET)}… (${req.body.length} bytes)` : text;
  return `${req.method} ${req.path}\n      headers: ${JSON.stringify(req.headers)}\n      body: ${shown}`;
}

function describeServiceAnswer(a) {
  if (a === undefined) return "(the service was not reached)";
  const body = a.body.length > SNIPPET ? `${a.body.slice(0, SNIPPET)}…` : a.body;
  return `${a.status} ${a.headers["content-type"] ?? ""}\n      ${body}`;
}

// How deep a JSON text nests (for the report of a line Prism could not take).
function nesting(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  let escaped = false;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  fs.mkdirSync(opts.out, { recursive: true });
  const document = path.join(opts.out, "openapi.yaml");
  fs.copyFileSync(opts.document, document);

  const tap = await startTap(opts.upstream);
  const strict = new Proxy("strict", document, tap.url, true, path.join(opts.out, "prism-strict.log"));
  const lenient = opts.recheck ? new Proxy("lenient", document, tap.url, false, path.join(opts.out, "prism-lenient.log")) : undefined;
  await Promise.all([strict.start(), lenient?.start()]);
  console.log(`prism: ${opts.traffic} through prism proxy --errors at ${strict.url}${lenient ? ` (rechecks through ${lenient.url})` : ""} to ${opts.upstream}, ${opts.concurrency} at a time (Prism started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const gate = new Gate();
  const report = fs.createWriteStream(path.join(opts.out, "report.jsonl"));
  const counts = { total: 0, passed: 0, responseViolations: 0, rejected: 0, notValidated: 0, failures: 0, rechecked: 0, recheckViolations: 0, recheckNotValidated: 0 };
  const rejectReasons = new Map();
  const notValidatedReasons = new Map();
  const recheckNotValidatedReasons = new Map();
  const serviceStatuses = new Map();
  const transportDropped = new Map();
  const shown = { violations: 0, failures: 0, notValidated: 0 };

  const record = (entry) => report.write(`${JSON.stringify(entry)}\n`);

  const violation = (lineNo, req, via, result) => {
    counts.responseViolations++;
    if (via === "lenient") counts.recheckViolations++;
    record({ line: lineNo, outcome: "response-violation", via, method: req.method, path: req.path, violations: result.violations, service: tap.answers.get(lineNo) });
    if (shown.violations++ >= 20) return;
    console.log(`RESPONSE VIOLATION (traffic line ${lineNo}, through the ${via} proxy)`);
    console.log(`   request: ${describeRequest(req)}`);
    console.log(`   Prism: ${JSON.stringify(result.violations, null, 1).replace(/\n\s*/g, " ")}`);
    console.log(`   the service answered: ${describeServiceAnswer(tap.answers.get(lineNo))}`);
  };
  const failure = (lineNo, req, reason) => {
    counts.failures++;
    record({ line: lineNo, outcome: "failure", reason, method: req?.method, path: req?.path });
    if (shown.failures++ >= 20) return;
    console.log(`FAILURE (traffic line ${lineNo}): ${reason}`);
    if (req) console.log(`   request: ${describeRequest(req)}`);
  };
  const notValidated = (lineNo, req, key, detail = key) => {
    counts.notValidated++;
    countInto(notValidatedReasons, key);
    const depth = nesting(req.body.toString("utf8"));
    const reason = depth > 100 ? `${detail} (its body nests ${depth} deep)` : detail;
    record({ line: lineNo, outcome: "not-validated", reason, method: req.method, path: req.path, bytes: req.body.length });
    if (shown.notValidated++ < 10) console.log(`not validated (traffic line ${lineNo}, ${req.method} ${req.path}, ${req.body.length} bytes): ${reason}`);
  };

  // Sends a line through a proxy. When Prism dies meanwhile (it may die of another line in flight, and it dies of a
  // body nested thousands deep just after answering it, when it logs the request), the line is sent again alone (no
  // other line in flight) to a Prism started again, twice at most: a line that kills Prism both times is reported as
  // one Prism crashes on ({kind: "crash"}).
  const through = async (proxy, req, lineNo, timeoutMs) => {
    const answered = (result) => {
      if (result.kind === "answer") {
        proxy.recent.push([lineNo, Date.now()]);
        if (proxy.recent.length > 64) proxy.recent.shift();
      }
      return result;
    };
    const generation = proxy.generation;
    const first = answered(await gate.shared(() => send(proxy, req, lineNo, timeoutMs)));
    if (first.kind !== "network" || !(await proxy.diedAt(generation))) return first;
    return gate.exclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        await proxy.ensureUp();
        const alone = proxy.generation;
        const again = answered(await send(proxy, req, lineNo, timeoutMs));
        if (again.kind !== "network" || !(await proxy.diedAt(alone))) return again;
        if (attempt === 2) {
          await proxy.ensureUp();
          return { kind: "crash", error: again.error };
        }
      }
    });
  };

  async function one(lineNo, text) {
    let req;
    try {
      req = parseLine(text, lineNo);
    } catch (e) {
      failure(lineNo, undefined, `malformed traffic line: ${e.message}`);
      return;
    }
    for (const name of Object.keys(req.headers)) {
      if (TRANSPORT_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== LINE_HEADER) countInto(transportDropped, name.toLowerCase());
    }
    const hang = prismWillHang(req);
    const timeoutMs = hang ? HANG_TIMEOUT_MS : opts.timeoutMs;
    tap.answers.delete(lineNo);
    const result = await through(strict, req, lineNo, timeoutMs);
    const served = tap.answers.get(lineNo);
    if (served) countInto(serviceStatuses, served.status);
    if (served?.status === 0) {
      failure(lineNo, req, served.body);
      return;
    }

    switch (result.kind) {
      case "unsendable":
        notValidated(lineNo, req, "Node's HTTP client cannot send it", `Node's HTTP client cannot send it: ${result.error}`);
        return;
      case "crash":
        notValidated(lineNo, req, "Prism crashes on it (it was started again)", `Prism crashes on it (it was started again; see ${strict.logFile}): ${result.error}`);
        return;
      case "timeout":
        if (hang && !served) notValidated(lineNo, req, "a body that is not JSON under a JSON content type: Prism 5.16 never answers it");
        else failure(lineNo, req, `no answer from Prism within ${timeoutMs / 1000} s${served ? ` (the service had answered ${served.status})` : ""}`);
        return;
      case "network":
        if (served) failure(lineNo, req, `the connection to Prism failed after the service answered ${served.status}: ${result.error}`);
        else notValidated(lineNo, req, "Prism's HTTP server closed the connection without an answer", `Prism's HTTP server closed the connection without an answer (${result.error})`);
        return;
      default:
        break;
    }

    const verdict = classify(result);
    if (verdict.outcome === "passed") {
      counts.passed++;
      return;
    }
    if (verdict.outcome === "response-violation") {
      violation(lineNo, req, "strict", verdict);
      return;
    }
    if (verdict.outcome === "not-validated") {
      notValidated(lineNo, req, verdict.key, verdict.reason);
      return;
    }
    if (verdict.outcome === "failure") {
      failure(lineNo, req, verdict.reason);
      return;
    }
    counts.rejected++;
    countInto(rejectReasons, verdict.reason.length > 160 ? `${verdict.reason.slice(0, 160)}…` : verdict.reason);
    record({ line: lineNo, outcome: "rejected", reason: verdict.reason, method: req.method, path: req.path });
    if (served) {
      failure(lineNo, req, `Prism rejected the request (${verdict.reason}) but had forwarded it to the service, which answered ${served.status}`);
      return;
    }
    if (!lenient || verdict.route) return;

    // The service's answer to a request the document rejects must conform all the same.
    counts.rechecked++;
    const again = await through(lenient, req, lineNo, opts.timeoutMs);
    const answered = tap.answers.get(lineNo);
    if (answered) countInto(serviceStatuses, answered.status);
    if (answered?.status === 0) {
      failure(lineNo, req, answered.body);
      return;
    }
    const second = again.kind === "answer" ? classify(again) : undefined;
    if (second?.outcome === "response-violation") {
      violation(lineNo, req, "lenient", second);
    } else if (second?.outcome === "failure" || again.kind === "timeout" || (again.kind === "network" && answered)) {
      failure(lineNo, req, `through the lenient proxy: ${second?.reason ?? again.error ?? again.kind}`);
    } else if (second?.outcome !== "passed") {
      counts.recheckNotValidated++;
      const why = second?.key ?? (again.kind === "crash" ? "Prism crashes on it" : again.kind === "unsendable" ? "Node's HTTP client cannot send it" : "Prism's HTTP server closed the connection");
      countInto(recheckNotValidatedReasons, why);
      record({ line: lineNo, outcome: "recheck-not-validated", reason: second?.reason ?? again.error ?? again.kind });
    }
  }

  // Lines are read one at a time (a hostile line may carry several MiB) and shared by the workers.
  const input = readline.createInterface({ input: fs.createReadStream(opts.traffic), crlfDelay: Infinity });
  const lines = input[Symbol.asyncIterator]();
  let lineNo = 0;
  let reading = Promise.resolve();
  const nextLine = () => {
    const mine = reading.then(async () => {
      for (;;) {
        const { value, done } = await lines.next();
        if (done) return undefined;
        lineNo++;
        if (value.trim() !== "") return { lineNo, text: value };
      }
    });
    reading = mine.then(() => undefined, () => undefined);
    return mine;
  };
  let lastProgress = Date.now();
  const worker = async () => {
    for (;;) {
      const next = await nextLine();
      if (next === undefined) return;
      counts.total++;
      await one(next.lineNo, next.text);
      if (Date.now() - lastProgress > 15_000) {
        lastProgress = Date.now();
        console.log(`prism: ${counts.total} requests so far (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  input.close();
  await new Promise((resolve) => report.end(resolve));

  // ---- summary ----
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const list = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} × ${k}`);
  if (counts.total === 0) {
    console.log(`prism: ${opts.traffic} has no request: nothing was checked`);
    console.log("prism: FAIL");
    process.exitCode = 1;
  } else {
    console.log(`prism: the service answered ${[...serviceStatuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s} × ${n}`).join(", ") || "nothing"}`);
    if (rejectReasons.size > 0) {
      console.log("prism: requests the document rejects, by Prism's first reason (most frequent first):");
      for (const l of list(rejectReasons).slice(0, 15)) console.log(`   ${l}`);
      if (rejectReasons.size > 15) console.log(`   … and ${rejectReasons.size - 15} other reasons (${path.join(opts.out, "report.jsonl")})`);
      if (lenient) {
        console.log(`prism: ${counts.rechecked} of them (all but unknown paths and methods) sent through prism proxy without --errors, so that the service's answer is validated: ${counts.recheckViolations} response violations${counts.recheckNotValidated ? `, ${counts.recheckNotValidated} not validated (${list(recheckNotValidatedReasons).join("; ")})` : ""}`);
      }
    }
    if (notValidatedReasons.size > 0) {
      console.log("prism: not validated (Prism cannot take them):");
      for (const l of list(notValidatedReasons)) console.log(`   ${l}`);
    }
    for (const proxy of [strict, lenient]) {
      if (!proxy || proxy.crashes === 0) continue;
      const suspects = proxy.deaths.map((lines) => (lines.length ? lines.join(" or ") : "?")).join(", ");
      console.log(`prism: the ${proxy.name} Prism died ${proxy.crashes} time(s), each just after answering traffic line ${suspects} (the last answered first), and was started again; the lines in flight were sent again (${proxy.logFile})`);
    }
    if (transportDropped.size > 0) {
      console.log(`prism: transport headers of the recording, set by this client instead: ${list(transportDropped).join(", ")}`);
    }
    console.log(`prism: Prism's logs, and report.jsonl with every line that did not pass, in ${opts.out} (${seconds} s)`);
    console.log(`prism: ${counts.total} requests, ${counts.responseViolations} response violations, ${counts.rejected} requests the document rejects, ${counts.notValidated} not validated${counts.failures ? `, ${counts.failures} failures` : ""}`);
    if (counts.responseViolations > 0 || counts.failures > 0) {
      const why = [];
      if (counts.responseViolations) why.push("answers of the service that the document does not describe (above)");
      if (counts.failures) why.push("lines that could not be checked for an unexplained reason (above)");
      console.log(`prism: FAIL: ${why.join("; ")}`);
      process.exitCode = 1;
    } else {
      console.log("prism: PASS");
    }
  }
  tap.server.close();
  tap.agent.destroy();
  strict.agent.destroy();
  lenient?.agent.destroy();
  stopChildren();
}

main().catch((e) => {
  console.error(`prism: FAIL: ${e.stack ?? e}`);
  stopChildren();
  process.exit(1);
});
