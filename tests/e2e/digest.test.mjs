// The promise of a focus block, end to end: messages sent over the local API during a block make
// no popups; when the block ends the notification daemon (dunst) shows exactly one digest. A
// message sent while Open is shown at once. The real app, in the tray only, on a private bus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const app = process.env.LULL_APP;
let dataDir;
let child;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lull-digest-"));
  child = spawn(app, ["--data-dir", dataDir, "--port", "0", "--background"], { stdio: "ignore" });
  for (let i = 0; i < 100 && !existsSync(join(dataDir, "api.json")); i++) await sleep(100);
});
after(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method, path, body) {
  const { url } = JSON.parse(readFileSync(join(dataDir, "api.json"), "utf8"));
  const token = readFileSync(join(dataDir, "token"), "utf8").trim();
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** Every notification dunst has shown so far (closing the displayed ones moves them to history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return json.data.flat().map((n) => ({ summary: n.summary?.data, body: n.body?.data }));
}

test("messages held during a block make no popups, and its end shows exactly one digest", async () => {
  const status = await api("GET", "/v1/status");
  if (status.mode !== "open") {
    // Outside work hours the digest waits for the next work window; keep the test about blocks.
    await api("POST", "/v1/mode/working-late", { until: "23:59" });
  }
  await api("POST", "/v1/focus/start", { duration_secs: 3, intent: "digest e2e" });
  const senders = ["CI-e2e", "CI-e2e", "Alice-e2e"];
  for (const [i, sender] of senders.entries()) {
    const receipt = await api("POST", "/v1/messages", { sender, body: `held message ${i} (digest e2e)` });
    assert.equal(receipt.decision, "held", "held during the block");
  }
  await sleep(1000);
  assert.ok(!shown().some((n) => n.body?.includes("(digest e2e)")), "no popup for a held message");

  let digests = [];
  for (let i = 0; i < 40 && digests.length === 0; i++) {
    await sleep(200);
    digests = shown().filter((n) => n.summary === "3 held while you focused");
  }
  assert.equal(digests.length, 1, "exactly one digest");
  assert.equal(digests[0].body, "2 from CI-e2e, 1 from Alice-e2e");
  assert.ok(!shown().some((n) => n.body?.includes("(digest e2e)")), "and still no popup per message");

  const delivered = await api("POST", "/v1/messages", { sender: "Bob-e2e", title: "Lunch?", body: "noon (open e2e)" });
  assert.equal(delivered.decision, "delivered");
  let popup;
  for (let i = 0; i < 25 && !popup; i++) {
    await sleep(200);
    popup = shown().find((n) => n.body === "noon (open e2e)");
  }
  assert.equal(popup?.summary, "Bob-e2e: Lunch?", "a message while Open is shown at once");
});
