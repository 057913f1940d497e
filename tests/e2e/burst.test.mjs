// A digest is never lost in a burst: thousands of messages arrive around a block's end, and the
// end still shows exactly one digest notification in dunst, and the hooks for the block's end
// and the change of mode still run. (Messages ride one broadcast stream that a flood can outrun;
// the block's end and its digest ride another.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { TrayApp, until, writeSettings } from "./app.mjs";

const lull = new TrayApp("burst");
before(() => lull.launch());
after(() => lull.stop());

/** Every notification dunst has shown so far (closing the displayed ones moves them to history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return json.data.flat().map((n) => ({ summary: n.summary?.data ?? "", body: n.body?.data ?? "" }));
}

/** Sends `count` messages over `lanes` concurrent clients; resolves to how many were acknowledged. */
async function flood(count, lanes, tag) {
  let next = 0;
  let acknowledged = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await lull.api("POST", "/v1/messages", { sender: `burst-${i % 7}`, body: `${tag} ${i}` });
      acknowledged++;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return acknowledged;
}

test("2,000 messages around a block's end make exactly one digest, and the hooks still run", async () => {
  const log = join(lull.dataDir, "hooks.log");
  const settings = await lull.api("GET", "/v1/settings");
  const line = `echo "$LULL_EVENT $LULL_FROM>$LULL_TO" >> '${log}'`;
  settings.hooks = [
    { on: "focus_end", command: line },
    { on: "mode_change", command: line },
  ];
  // Hooks are not changed over HTTP: `lull settings import` hands them to the running app over
  // its instance socket.
  writeSettings(lull.dataDir, settings);
  const digestsBefore = shown().filter((n) => n.summary.includes("held while you focused")).length;

  await lull.api("POST", "/v1/focus/start", { duration_secs: 2, intent: "burst e2e" });
  // Keep sending until the block is over, then 1,000 more: the end falls inside the flood.
  let sent = 0;
  while ((await lull.api("GET", "/v1/status")).block !== null) sent += await flood(200, 8, "before");
  sent += await flood(1000, 8, "after");
  assert.ok(sent >= 1000, `sent ${sent}`);

  const digests = await until(
    "the digest",
    () => {
      const found = shown().filter((n) => n.summary.includes("held while you focused"));
      return found.length > digestsBefore ? found : null;
    },
    15000,
  ).catch((err) => {
    const summaries = {};
    for (const n of shown()) summaries[n.summary] = (summaries[n.summary] ?? 0) + 1;
    throw new Error(`${err.message}; dunst showed ${JSON.stringify(summaries)}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1500)); // a second digest would be here by now
  const all = shown().filter((n) => n.summary.includes("held while you focused"));
  assert.equal(all.length - digestsBefore, 1, `exactly one digest: ${JSON.stringify(digests)}`);

  const lines = await until("the hooks", () => {
    if (!existsSync(log)) return null;
    const text = readFileSync(log, "utf8");
    return text.includes("focus_end") && text.includes("mode_change focus>open") ? text : null;
  });
  assert.match(lines, /focus_end/, "the block's end ran its hook");
  assert.match(lines, /mode_change focus>open/, "and so did the change of mode");
});
