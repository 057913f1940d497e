// A Lull in the tray holds no web view: closing the window (Ctrl+W) ends WebKit's processes
// within 5 s while Lull itself stays running. Each test has a data directory of its own, Open
// all day (Quiet would switch do-not-disturb on), and no login entry is left behind.
import { test, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { dataDirWith, restoreDunst } from "./app.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.env.LULL_APP;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// The run's scratch home (tests/e2e/run.sh) is where the login entry goes.
const autostart = join(process.env.HOME, ".config", "autostart");
let dataDir;

/** Lull's login entries (the autostart plugin writes one `.desktop` file). */
function loginEntries() {
  if (!existsSync(autostart)) return [];
  return readdirSync(autostart).filter((f) => f.endsWith(".desktop") && /lull-desktop/.test(readFileSync(join(autostart, f), "utf8")));
}

before(() => waitForDriver(driver));
beforeEach(() => {
  dataDir = dataDirWith("window");
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const entry of loginEntries()) rmSync(join(autostart, entry), { force: true });
  restoreDunst();
});

function appPid() {
  const out = spawnSync("pgrep", ["-f", `lull-desktop --data-dir ${dataDir}`], { encoding: "utf8" });
  return Number(out.stdout.split("\n").filter(Boolean)[0]);
}

/** WebKit's helper processes started by `pid` (WebKitWebProcess, WebKitNetworkProcess). */
function webkitChildren(pid) {
  const out = spawnSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" });
  return out.stdout.split("\n").filter((line) => /WebKit/.test(line)).map((line) => line.trim());
}

/** How many colours the screen shows: 1 when empty, a handful for a blank window, many for a page. */
function screenColours() {
  const shot = spawnSync("import", ["-window", "root", "png:-"], { maxBuffer: 64 << 20 });
  const out = spawnSync("convert", ["png:-", "-format", "%k", "info:"], { input: shot.stdout, encoding: "utf8" });
  return Number(out.stdout.trim()) || 0;
}

test("the settings' desktop status names the capture and DND state, and autostart writes a login entry", async () => {
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => t.length > 0);
    let status;
    for (let i = 0; i < 30; i++) {
      status = await session.run("return await window.__TAURI_INTERNALS__.invoke('desktop');");
      if (status.capture.state === "running" && status.dnd.adapter !== null) break;
      await sleep(100);
    }
    assert.equal(status.capture.state, "running", JSON.stringify(status));
    assert.equal(status.dnd.adapter, "dunst", "the daemon on this bus is dunst");
    assert.equal(status.dnd.on, false, "Open and no block runs: Lull's do-not-disturb is off");

    assert.deepEqual(loginEntries(), [], "no login entry before");
    const on = await session.run("return await window.__TAURI_INTERNALS__.invoke('set_autostart', { request: { enabled: true } });");
    assert.equal(on.autostart, true);
    const entries = readdirSync(autostart).filter((f) => f.endsWith(".desktop"));
    assert.equal(entries.length, 1, `one login entry: ${entries}`);
    const entry = readFileSync(join(autostart, entries[0]), "utf8");
    assert.match(entry, /^Exec=.*lull-desktop.* --background/m, entry);
    const off = await session.run("return await window.__TAURI_INTERNALS__.invoke('set_autostart', { request: { enabled: false } });");
    assert.equal(off.autostart, false);
    assert.ok(!existsSync(join(autostart, entries[0])), "switching it off removes the entry");
  } finally {
    await session.end();
  }
});

test("closing the window with Ctrl+W ends its web view processes and leaves Lull in the tray", async () => {
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => t.length > 0);
    const pid = appPid();
    assert.ok(pid > 0, "the app runs");
    assert.ok(webkitChildren(pid).length > 0, "an open window has WebKit processes");
    // Ctrl+W, as a user closes it. (WebDriver's own "close window" would end the app with the session.)
    const body = await session.cmd("POST", "/element", { using: "css selector", value: "body" });
    await session
      .cmd("POST", `/element/${Object.values(body)[0]}/value`, { text: "\uE009w\uE009" })
      .catch(() => undefined); // the page is gone before WebKitWebDriver answers
    let left = webkitChildren(pid);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await sleep(100);
      left = webkitChildren(pid);
    }
    assert.deepEqual(left, [], "no WebKit process 5 s after the window closed");
    assert.equal(spawnSync("kill", ["-0", String(pid)]).status, 0, "Lull keeps running in the tray");

    // Asked for again (a second launch), the window comes back with a fresh web view that draws.
    const blank = screenColours();
    const second = spawnSync(app, ["--data-dir", dataDir, "--port", "0"], { encoding: "utf8", timeout: 15000 });
    assert.equal(second.status, 0, second.stderr);
    let colours = blank;
    for (let i = 0; i < 50 && colours < 50; i++) {
      await sleep(200);
      colours = screenColours();
    }
    assert.ok(webkitChildren(pid).length > 0, "the new window has its web view");
    assert.ok(colours >= 50, `the new window drew its page (${colours} colours on screen, ${blank} before)`);
  } finally {
    await session.end().catch(() => undefined);
  }
});
