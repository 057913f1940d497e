// The desktop's do-not-disturb, end to end with the real app in the tray, against the run's real
// daemon (LULL_E2E_DAEMON: dunst, xfce, mako or swaync; see daemons.mjs and run.sh). The same
// scenarios for every daemon: a block turns the daemon's do-not-disturb on and a captured
// notification is held and taken off the screen; the block's end turns it off and shows one
// digest with nothing replayed; a breakthrough reaches the screen; a do-not-disturb the user had
// on stays; after a crash the next start restores what the user had; a daemon restarted during
// a block gets do-not-disturb again and is still captured; and Quiet (outside work hours)
// switches it too. Each test has an app and a data directory of its own (Open all day unless it
// is about Quiet), and leaves the daemon as it found it, whatever happened.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { TrayApp, cli, openAllDay, quietAlways, sleep, until } from "./app.mjs";
import { daemon, restoreDaemon } from "./daemons.mjs";

const who = daemon.name;
let lull = null;
/** A fresh app on a data directory with `settings`, and nothing on screen. */
async function start(settings = openAllDay()) {
  lull = new TrayApp("dnd", { settings });
  await lull.launch();
  daemon.clear();
  return lull;
}
afterEach(() => {
  lull?.stop();
  lull = null;
  restoreDaemon();
});

const notify = (...args) => execFileSync("notify-send", args);
/** `lull status` against the running app, as a script (`--json`) or a person reads it. */
const cliStatus = (...args) => execFileSync(cli, ["status", ...args, "--data-dir", lull.dataDir], { encoding: "utf8" });
const heldBody = async (body) =>
  until("the notification in Lull's inbox", async () =>
    (await lull.api("GET", "/v1/inbox")).messages.find((m) => m.body === body),
  );

test(`${who}: a block turns do-not-disturb on; a captured notification is held off the screen; the end shows one digest and replays nothing`, async () => {
  await start();
  assert.equal(daemon.dndOn(), false, "do-not-disturb is off before the block");
  await lull.api("POST", "/v1/focus/start", { duration_secs: 4, intent: "dnd e2e" });
  await until("do-not-disturb on by Lull", () => daemon.dndOn());
  const { dnd } = JSON.parse(cliStatus("--json")).desktop;
  assert.deepEqual({ ...dnd, detail: null }, { adapter: who, on: true, users: false, detail: null }, "lull status --json says Lull switched it on");
  assert.match(cliStatus(), new RegExp(`^Do not disturb: on in ${who}, Lull's$`, "m"));

  notify("-a", "Chat-dnd", "Alice", "lunch at noon? (dnd e2e)");
  const held = await heldBody("lunch at noon? (dnd e2e)");
  assert.equal(held.state, "held");
  assert.equal(held.source, "desktop");
  assert.equal(held.source_detail, "Chat-dnd");
  if (who === "dunst") await until("nothing waiting in the paused daemon", () => execFileSync("dunstctl", ["count", "waiting"], { encoding: "utf8" }).trim() === "0");
  await sleep(300);
  assert.equal(daemon.popups(), 0, "nothing popped up");

  await until("do-not-disturb off after the block", () => !daemon.dndOn(), 8000);
  // Generous: on a loaded 2-core machine the debug build takes its time; the latency itself is
  // measured by scripts/bench-digest.sh. At least one, then exactly one (a second is a bug).
  await until("the digest on screen", () => daemon.popups() >= 1, 10000);
  await sleep(700); // anything replayed would show by now
  assert.equal(daemon.popups(), 1, "the digest is the only popup: nothing was replayed");
  if (daemon.shownTexts !== null) {
    daemon.clear();
    assert.deepEqual(daemon.shownTexts().slice(0, 1), [{ summary: "1 held while you focused", body: "1 from Chat-dnd" }]);
  }
});

test(`${who}: a breakthrough during a block reaches the screen`, async () => {
  await start();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 30, intent: "breakthrough e2e" });
  await until("do-not-disturb on by Lull", () => daemon.dndOn());
  const receipt = await lull.api("POST", "/v1/messages", { sender: "pager", title: "prod down", body: "p5 (dnd e2e)", priority: 5 });
  assert.equal(receipt.decision, "broke_through");
  await until("the breakthrough on screen", () => daemon.popups() === 1);
  if (daemon.criticalThroughDnd) {
    assert.equal(daemon.dndOn(), true, `${who} shows critical notifications in do-not-disturb: it stays on`);
  } else {
    assert.equal(daemon.dndOn(), false, `${who} hides everything in do-not-disturb: Lull lifted it for the breakthrough`);
  }
  if (daemon.shownTexts !== null) {
    daemon.clear();
    assert.deepEqual(daemon.shownTexts()[0], { summary: "pager: prod down", body: "p5 (dnd e2e)" });
  } else if (!daemon.criticalThroughDnd) {
    daemon.clear();
  }
  if (!daemon.criticalThroughDnd) await until("do-not-disturb on again once the breakthrough was closed", () => daemon.dndOn());
  await lull.api("POST", "/v1/focus/stop");
  await until("do-not-disturb off after the block", () => !daemon.dndOn());
});

test(`${who}: a do-not-disturb the user had on before the block stays on after it`, async () => {
  await start();
  daemon.setDnd(true);
  await lull.api("POST", "/v1/focus/start", { duration_secs: 4, intent: "prior e2e" });
  await until("lull status --json says the do-not-disturb that is on is the user's", () => {
    const { dnd } = JSON.parse(cliStatus("--json")).desktop;
    return dnd.adapter === who && dnd.on && dnd.users;
  });
  await until("the block over", async () => (await lull.api("GET", "/v1/status")).block === null, 6000);
  await sleep(700);
  assert.equal(daemon.dndOn(), true, "the user's do-not-disturb is left as it was");
});

test(`${who}: after a crash during a block, the next start restores do-not-disturb and shows one digest`, async () => {
  await start();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 3, intent: "crash e2e" });
  await until("do-not-disturb on by Lull", () => daemon.dndOn());
  await lull.api("POST", "/v1/messages", { sender: "CI-crash", body: "held across a crash (dnd e2e)" });
  await lull.crash();
  if (daemon.liftsOnCrash) {
    assert.equal(daemon.dndOn(), false, `${who}'s inhibition ended with Lull's connection`);
  } else {
    assert.equal(daemon.dndOn(), true, "the crash left do-not-disturb on");
  }
  await sleep(3500); // the block's deadline passes while Lull is down

  await lull.launch();
  await until("do-not-disturb restored by the next start", () => !daemon.dndOn(), 8000);
  await until("the digest on screen", () => daemon.popups() >= 1, 10000);
  await sleep(500);
  assert.equal(daemon.popups(), 1, "exactly one digest");
  if (daemon.shownTexts !== null) {
    daemon.clear();
    const shown = daemon.shownTexts().filter((n) => n.body === "1 from CI-crash");
    assert.deepEqual(shown, [{ summary: "1 held while you focused", body: "1 from CI-crash" }], "exactly one digest");
  }
});

test(`${who}: restarted during a block, the daemon gets do-not-disturb again and is still captured`, async () => {
  await start();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 30, intent: "restart e2e" });
  await until("do-not-disturb on by Lull", () => daemon.dndOn());
  daemon.restart();
  await until("do-not-disturb on in the new instance", () => daemon.dndOn(), 8000);
  notify("-a", "Chat-restart", "Bob", "after the restart (dnd e2e)");
  const held = await heldBody("after the restart (dnd e2e)");
  assert.equal(held.state, "held", "capture followed the daemon to its new instance");
  await sleep(300);
  assert.equal(daemon.popups(), 0, "nothing popped up");
  await lull.api("POST", "/v1/focus/stop");
  await until("do-not-disturb off after the block", () => !daemon.dndOn());
});

test(`${who}: about Quiet: with no work window at all Lull is Quiet, turns do-not-disturb on and holds; working late opens with one digest`, async () => {
  await start(quietAlways());
  assert.equal((await lull.api("GET", "/v1/status")).mode, "quiet", "no work window: Quiet at any hour");
  await until("do-not-disturb on by Lull while Quiet", () => daemon.dndOn());
  const receipt = await lull.api("POST", "/v1/messages", { sender: "CI-quiet", body: "held while quiet (dnd e2e)" });
  assert.equal(receipt.decision, "held", "held while Quiet");
  await sleep(500);
  assert.equal(daemon.popups(), 0, "no popup while Quiet");

  // Two hours from now, local time (the app runs in this process's zone): the coming such time.
  const later = new Date(Date.now() + 2 * 3600 * 1000);
  const hhmm = `${String(later.getHours()).padStart(2, "0")}:${String(later.getMinutes()).padStart(2, "0")}`;
  await lull.api("POST", "/v1/mode/working-late", { until: hhmm });
  assert.equal((await lull.api("GET", "/v1/status")).mode, "open", "working late is Open");
  await until("do-not-disturb off once Open", () => !daemon.dndOn());
  // Generous: on a loaded 2-core machine the debug build takes its time; the latency itself is
  // measured by scripts/bench-digest.sh. At least one, then exactly one (a second is a bug).
  await until("the digest on screen", () => daemon.popups() >= 1, 10000);
  if (daemon.shownTexts !== null) {
    daemon.clear();
    const [digest] = daemon.shownTexts().filter((n) => n.body === "1 from CI-quiet");
    assert.ok(digest, "one digest names the held message's sender");
  }
});
