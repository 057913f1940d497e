// End to end: the real app (built with custom-protocol) under Xvfb, a private session bus and
// dunst, driven through tauri-driver and WebKitWebDriver. Started by tests/e2e/run.sh. Each test
// has a data directory of its own, Open all day, so a block ends the same way at any hour.
import { test, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { dataDirWith, restoreDunst } from "./app.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.env.LULL_APP;
const screenshots = process.env.LULL_SCREENSHOTS ?? "docs/screenshots";
assert.ok(app, "LULL_APP names the built lull-desktop binary");

let dataDir;
before(async () => {
  await waitForDriver(driver);
  mkdirSync(screenshots, { recursive: true });
});
beforeEach(() => {
  dataDir = dataDirWith("e2e");
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  restoreDunst(); // a block pauses it; the kill -9 test leaves it so until the restart
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every notification dunst has shown, as {appname, summary, body}. */
function dunstHistory() {
  execFileSync("dunstctl", ["close-all"]); // history lists closed notifications only
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return json.data.flat().map((n) => ({
    appname: n.appname?.data,
    summary: n.summary?.data,
    body: n.body?.data,
  }));
}

async function waitForNotification(predicate, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  let seen = [];
  while (Date.now() < until) {
    seen = dunstHistory();
    const found = seen.find(predicate);
    if (found) return found;
    await sleep(200);
  }
  assert.fail(`no such notification in dunst's history; it holds ${JSON.stringify(seen)}`);
}

function appPids() {
  const out = spawnSync("pgrep", ["-f", `lull-desktop --data-dir ${dataDir}`], { encoding: "utf8" });
  return out.stdout.split("\n").filter(Boolean).map(Number);
}

test("a short block started from the window counts down, completes and notifies", async () => {
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    await session.type("intent-input", "write the e2e test");
    await session.type("custom-duration", "4s");
    await session.click("start");

    await session.waitForText("state", (t) => /focusing/i.test(t));
    assert.equal(await session.text("intent-display"), "write the e2e test");
    const first = await session.text("countdown");
    assert.match(first, /^00:0[0-4]$/, "a 4-second block shows at most 00:04");
    await sleep(1500);
    const second = await session.text("countdown");
    assert.notEqual(second, first, "the countdown moves");
    writeFileSync(join(screenshots, "focusing.png"), await session.screenshot());

    await session.waitForText("state", (t) => /^open\b/i.test(t), 10000);
    assert.equal(await session.text("today-completed"), "1", "today counts the completed block");
    assert.equal((await session.findAll("block-row")).length, 1, "today's list shows it");
    writeFileSync(join(screenshots, "window.png"), await session.screenshot());

    const notice = await waitForNotification((n) => n.summary === "Focus block complete");
    assert.equal(notice.appname, "Lull");
    assert.equal(notice.body, "4 s on write the e2e test");
  } finally {
    await session.end();
  }
});

test("a second launch on the same data directory defers to the first and exits", async () => {
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    const second = spawnSync(app, ["--data-dir", dataDir, "--port", "0"], { encoding: "utf8", timeout: 15000 });
    assert.equal(second.status, 0, `the second launch exits cleanly: ${second.stderr}`);
    assert.match(second.stdout, /already running/);
    assert.equal(appPids().length, 1, "still exactly one app process for this data directory");
  } finally {
    await session.end();
  }
});

test("after kill -9 during a block, the restarted app resumes it with the same deadline", async () => {
  let session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  let before;
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    await session.click("preset-25");
    await session.waitForText("state", (t) => /focusing/i.test(t));
    before = (await session.status()).block;
    assert.ok(before?.deadline, "a block runs");
    const pids = appPids();
    assert.equal(pids.length, 1, `one app process: ${pids}`);
    process.kill(pids[0], "SIGKILL");
  } finally {
    await session.end();
  }

  session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => /focusing/i.test(t));
    const after = (await session.status()).block;
    assert.equal(after.id, before.id, "the same block");
    assert.equal(after.deadline, before.deadline, "with the same deadline");
    assert.match(await session.text("countdown"), /^2[0-5]:\d\d$/);
    await session.click("stop");
    // Stop asks first, in place: the block counts as stopped early only once confirmed.
    await session.click("stop-confirm");
    await session.waitForText("state", (t) => /^open\b/i.test(t));
  } finally {
    await session.end();
  }
});
