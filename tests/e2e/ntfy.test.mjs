// Remote ntfy topics in the real app: a subscription in the settings is followed from the start,
// what its topic sends during a block is held and comes back in the block's one digest on dunst,
// an outage shows in `lull status` with since when, and what was sent while the app was down
// arrives once when it starts again. The server is a stand-in (no ntfy server can be installed
// here; see docs/testing.md): ntfy's documented subscribe stream, `GET /<topics>/json?since=`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { TrayApp, cli, openAllDay, restoreDunst, sleep, until } from "./app.mjs";

/** A stand-in ntfy server: a cache of messages, the streams open on it, the requests it got. */
class NtfyStandIn {
  constructor() {
    this.cache = [];
    this.streams = new Set();
    this.requests = [];
    this.clock = 1_764_000_000;
    this.server = createServer((req, res) => this.serve(req, res));
  }

  listen(port = 0) {
    return new Promise((resolve) => this.server.listen(port, "127.0.0.1", () => resolve(this.server.address().port)));
  }

  serve(req, res) {
    this.requests.push(req.url);
    const url = new URL(req.url, "http://stand-in");
    const match = /^\/([\w,-]+)\/json$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const topics = match[1].split(",");
    res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
    const line = (event) => res.write(JSON.stringify(event) + "\n");
    line({ id: "open00000000", time: this.clock, event: "open", topic: topics.join(",") });
    const since = url.searchParams.get("since");
    const ours = this.cache.filter((m) => topics.includes(m.topic));
    let replay = [];
    if (since !== null && /^\d+$/.test(since)) replay = ours.filter((m) => m.time >= Number(since));
    else if (since !== null) {
      const at = ours.findIndex((m) => m.id === since);
      replay = at === -1 ? ours : ours.slice(at + 1);
    }
    replay.forEach(line);
    const stream = { topics, line, res };
    this.streams.add(stream);
    req.on("close", () => this.streams.delete(stream));
  }

  publish(topic, fields) {
    this.clock += 1;
    const message = { id: `e2e${String(this.cache.length).padStart(9, "0")}`, time: this.clock, event: "message", topic, ...fields };
    this.cache.push(message);
    for (const stream of this.streams) if (stream.topics.includes(topic)) stream.line(message);
    return message.id;
  }

  close() {
    for (const stream of this.streams) stream.res.destroy();
    this.streams.clear();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

const ntfy = new NtfyStandIn();
let port = 0;
let lull;

before(async () => {
  port = await ntfy.listen();
  const subscription = { id: "home", server: `http://127.0.0.1:${port}`, topics: ["alerts"], auth: { kind: "none" } };
  lull = new TrayApp("ntfy", { settings: { ...openAllDay(), ntfy: [subscription] } });
  await lull.launch();
});

after(async () => {
  lull.stop();
  await ntfy.close();
  restoreDunst();
});

const subscriptionState = async () => (await lull.api("GET", "/v1/status")).desktop?.ntfy?.[0]?.status;
const inbox = async () => (await lull.api("GET", "/v1/inbox")).messages;

const seen = new Set();
/** The notifications dunst has shown since the last call (closing displayed ones files them in its history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  const fresh = json.data.flat().filter((n) => !seen.has(n.id.data));
  fresh.forEach((n) => seen.add(n.id.data));
  return fresh.map((n) => `${n.summary?.data ?? ""} | ${n.body?.data ?? ""}`);
}

test("a subscription is followed from the start, and a block holds its messages until one digest", async () => {
  await until("the subscription is running", async () => (await subscriptionState())?.state === "running", 15000);
  shown();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 3, intent: "ntfy e2e" });
  ntfy.publish("alerts", { title: "Disk full", message: "/var at 98% (ntfy e2e)", priority: 4 });
  ntfy.publish("alerts", { message: "/var at 99% (ntfy e2e)" });
  const held = await until("both are held", async () => {
    const ours = (await inbox()).filter((m) => m.body.includes("(ntfy e2e)"));
    return ours.length === 2 && ours.every((m) => m.decision === "held") && ours;
  });
  assert.ok(held.every((m) => m.source === "ntfy" && m.source_detail === "alerts"), JSON.stringify(held));
  await until("the block is over", async () => (await lull.api("GET", "/v1/status")).block === null, 10000);
  await sleep(1500);
  const popups = shown();
  assert.equal(popups.length, 1, `one digest and nothing else: ${JSON.stringify(popups)}`);
  assert.match(popups[0], /2/, `the digest counts the two: ${popups[0]}`);
});

test("an outage shows in lull status with since when, and what came meanwhile arrives once", async () => {
  await ntfy.close();
  await until("the subscription is unreachable", async () => (await subscriptionState())?.state === "unreachable", 15000);
  const status = execFileSync(cli, ["status", "--data-dir", lull.dataDir], { encoding: "utf8" });
  assert.match(status, /ntfy home: unreachable since \d{2}:\d{2}/, status);

  // The app goes down too; the server comes back and is sent a message while the app is down.
  await lull.crash();
  ntfy.server = createServer((req, res) => ntfy.serve(req, res));
  await ntfy.listen(port);
  ntfy.publish("alerts", { message: "sent while Lull was down (ntfy e2e)" });
  await lull.launch();
  const arrived = await until(
    "the message sent while Lull was down",
    async () => {
      const found = (await inbox()).filter((m) => m.body === "sent while Lull was down (ntfy e2e)");
      return found.length > 0 && found;
    },
    15000,
  );
  await sleep(1000);
  const again = (await inbox()).filter((m) => m.body === "sent while Lull was down (ntfy e2e)");
  assert.equal(arrived.length, 1);
  assert.equal(again.length, 1, "stored once");
  assert.ok(ntfy.requests.at(-1).includes("since="), `resumed from its cursor: ${ntfy.requests.at(-1)}`);
  const total = (await inbox()).filter((m) => m.body.includes("(ntfy e2e)")).length;
  assert.equal(total, 3, "the two from before the crash are there once each too");
});
