// The desktop's do-not-disturb (dunst, the daemon on this test bus), end to end with the real app
// in the tray: a block pauses dunst, another app's notification is captured and held without a
// popup, the block's end unpauses dunst and shows one digest and nothing replayed; a breakthrough
// reaches the screen through the pause; a pause the user set stays; after a crash the next start
// restores what the user had; and Quiet (outside work hours) pauses it too.
// Each test has an app and a data directory of its own (Open all day unless it is about Quiet),
// and leaves dunst unpaused, whatever happened.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { TrayApp, openAllDay, quietAlways, restoreDunst, sleep, until } from "./app.mjs";

let lull = null;
/** A fresh app on a data directory with `settings`, and nothing on screen. */
async function start(settings = openAllDay()) {
  lull = new TrayApp("dnd", { settings });
  await lull.launch();
  closeAndRead();
  return lull;
}
afterEach(() => {
  lull?.stop();
  lull = null;
  restoreDunst();
});

const dunst = (...args) => execFileSync("dunstctl", args, { encoding: "utf8" }).trim();
const paused = () => dunst("is-paused") === "true";
/** The notifications on screen now, as {summary, body} (read from history after closing them). */
function closeAndRead() {
  dunst("close-all");
  return JSON.parse(dunst("history")).data.flat().map((n) => ({ summary: n.summary?.data, body: n.body?.data }));
}

test("a block pauses dunst; a captured notification is held without a popup; the end shows one digest and replays nothing", async () => {
  await start();
  assert.equal(paused(), false, "dunst runs unpaused before the block");
  await lull.api("POST", "/v1/focus/start", { duration_secs: 4, intent: "dnd e2e" });
  await until("dunst paused by Lull", () => paused());

  execFileSync("notify-send", ["-a", "Chat-dnd", "Alice", "lunch at noon? (dnd e2e)"]);
  const held = await until("the notification in Lull's inbox", async () =>
    (await lull.api("GET", "/v1/inbox")).messages.find((m) => m.body === "lunch at noon? (dnd e2e)"),
  );
  assert.equal(held.state, "held");
  assert.equal(held.source, "desktop");
  assert.equal(held.source_detail, "Chat-dnd");
  await until("nothing waiting in the paused daemon", () => dunst("count", "waiting") === "0");
  assert.equal(dunst("count", "displayed"), "0", "nothing popped up");

  await until("dunst unpaused after the block", () => !paused(), 8000);
  await until("the digest on screen", () => dunst("count", "displayed") === "1");
  await sleep(500); // anything replayed would show by now
  assert.equal(dunst("count", "displayed"), "1", "the digest is the only popup: nothing was replayed");
  const onScreen = closeAndRead().slice(0, 1);
  assert.deepEqual(onScreen, [{ summary: "1 held while you focused", body: "1 from Chat-dnd" }]);
});

test("a breakthrough during a block reaches the screen although dunst is paused", async () => {
  await start();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 30, intent: "breakthrough e2e" });
  await until("dunst paused by Lull", () => paused());
  const receipt = await lull.api("POST", "/v1/messages", { sender: "pager", title: "prod down", body: "p5 (dnd e2e)", priority: 5 });
  assert.equal(receipt.decision, "broke_through");
  await until("the breakthrough on screen", () => dunst("count", "displayed") === "1");
  assert.equal(paused(), false, "dunst 1.9 holds everything while paused: Lull lifted the pause for it");
  const [shown] = closeAndRead();
  assert.deepEqual(shown, { summary: "pager: prod down", body: "p5 (dnd e2e)" });
  await until("dunst paused again once the breakthrough was closed", () => paused());
  await lull.api("POST", "/v1/focus/stop");
  await until("dunst unpaused after the block", () => !paused());
});

test("a pause the user set before the block stays after it", async () => {
  await start();
  dunst("set-paused", "true");
  await lull.api("POST", "/v1/focus/start", { duration_secs: 2, intent: "prior e2e" });
  await sleep(300);
  await until("the block over", async () => (await lull.api("GET", "/v1/status")).block === null, 6000);
  await sleep(700);
  assert.equal(paused(), true, "the user's do-not-disturb is left as it was");
});

test("after a crash during a block, the next start restores dunst and shows one digest", async () => {
  await start();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 3, intent: "crash e2e" });
  await until("dunst paused by Lull", () => paused());
  await lull.api("POST", "/v1/messages", { sender: "CI-crash", body: "held across a crash (dnd e2e)" });
  await lull.crash();
  assert.equal(paused(), true, "the crash left dunst paused");
  await sleep(3500); // the block's deadline passes while Lull is down

  await lull.launch();
  await until("dunst restored by the next start", () => !paused(), 8000);
  await until("the digest on screen", () => dunst("count", "displayed") === "1", 8000);
  const shown = closeAndRead().filter((n) => n.body === "1 from CI-crash");
  assert.deepEqual(shown, [{ summary: "1 held while you focused", body: "1 from CI-crash" }], "exactly one digest");
});

test("about Quiet: with no work window at all Lull is Quiet, pauses dunst and holds; working late opens with one digest", async () => {
  await start(quietAlways());
  assert.equal((await lull.api("GET", "/v1/status")).mode, "quiet", "no work window: Quiet at any hour");
  await until("dunst paused by Lull while Quiet", () => paused());
  const receipt = await lull.api("POST", "/v1/messages", { sender: "CI-quiet", body: "held while quiet (dnd e2e)" });
  assert.equal(receipt.decision, "held", "held while Quiet");
  await sleep(500);
  assert.equal(dunst("count", "displayed"), "0", "no popup while Quiet");

  // Two hours from now, local time (the app runs in this process's zone): the coming such time.
  const later = new Date(Date.now() + 2 * 3600 * 1000);
  const hhmm = `${String(later.getHours()).padStart(2, "0")}:${String(later.getMinutes()).padStart(2, "0")}`;
  await lull.api("POST", "/v1/mode/working-late", { until: hhmm });
  assert.equal((await lull.api("GET", "/v1/status")).mode, "open", "working late is Open");
  await until("dunst unpaused once Open", () => !paused());
  await until("the digest on screen", () => dunst("count", "displayed") === "1");
  const [digest] = closeAndRead().filter((n) => n.body === "1 from CI-quiet");
  assert.ok(digest, "one digest names the held message's sender");
});
