// The first run, end to end with the real app and dunst: a profile the app creates holds nothing
// and leaves the desktop's notifications alone until the first run is finished; started in the
// tray it says so once, with a notification that leads to the window; and on a desktop without a
// tray host (stock GNOME) a start "in the tray" opens the window instead of starting invisibly.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TrayApp, quietAlways, restoreDunst, sleep, until, writeSettings } from "./app.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const screenshots = process.env.LULL_SCREENSHOTS ?? "docs/screenshots";

let lull = null;
afterEach(() => {
  lull?.stop();
  lull = null;
  restoreDunst();
});

const paused = () => execFileSync("dunstctl", ["is-paused"], { encoding: "utf8" }).trim() === "true";
/** What dunst showed, newest first (closing what is on screen moves it to the history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  return JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }))
    .data.flat()
    .map((n) => ({ summary: n.summary?.data, body: n.body?.data }));
}
const hasOwner = (name) =>
  execFileSync("dbus-send", ["--session", "--print-reply=literal", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
    "org.freedesktop.DBus.NameHasOwner", `string:${name}`], { encoding: "utf8" }).includes("true");
const lullWindows = () => {
  try {
    return execFileSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" }).split("\n").filter((l) => /"Lull"/.test(l)).length;
  } catch {
    return 0;
  }
};

test("a new profile holds nothing and leaves dunst alone until its first run is finished; in the tray it says so once", async () => {
  lull = new TrayApp("first-run", { settings: null }); // nothing written: the app creates the profile
  await lull.launch();
  const status = await lull.api("GET", "/v1/status");
  assert.equal(status.first_run, true, "a profile the app created is in its first run");
  await until("capture off, waiting for the first run", async () => (await lull.api("GET", "/v1/status")).desktop.capture.state === "off");
  const hint = await until("the one notification about it", () =>
    shown().find((n) => n.summary === "Lull is not holding anything yet"),
  );
  assert.match(hint.body, /work hours/, "it leads to the first run");
  assert.equal(lullWindows(), 0, "with a tray host the start stays in the tray: no window until asked");

  // Quiet by the settings now, but the first run is not finished: still Open, dunst not paused.
  writeSettings(lull.dataDir, quietAlways());
  await sleep(500);
  assert.equal((await lull.api("GET", "/v1/status")).mode, "open", "no Quiet before the first run is finished");
  assert.equal(paused(), false, "do-not-disturb left alone");
  execFileSync("notify-send", ["-a", "Slack-first-run", "Bob", "are you there? (first-run e2e)"]);
  await sleep(800);
  const inbox = await lull.api("GET", "/v1/inbox");
  assert.ok(!inbox.messages.some((m) => m.body === "are you there? (first-run e2e)"), "another app's notification is not taken");
  assert.ok(shown().some((n) => n.body === "are you there? (first-run e2e)"), "it reached the screen as usual");

  const finished = await lull.api("POST", "/v1/first-run/finish");
  assert.equal(finished.first_run, false);
  assert.equal(finished.mode, "quiet", "the settings' hours apply from now on");
  await until("do-not-disturb on once the first run is finished", () => paused());
  await until("capture running", async () => (await lull.api("GET", "/v1/status")).desktop.capture.state === "running");
  execFileSync("notify-send", ["-a", "Slack-first-run", "Bob", "and now? (first-run e2e)"]);
  const held = await until("the notification held", async () =>
    (await lull.api("GET", "/v1/inbox")).messages.find((m) => m.body === "and now? (first-run e2e)"),
  );
  assert.equal(held.state, "held");
});

test("without a tray host, a start in the tray opens the window instead of starting invisibly", async () => {
  const watcher = Number(process.env.LULL_E2E_WATCHER_PID);
  assert.ok(watcher > 0, "run.sh started a tray host");
  process.kill(watcher, "SIGTERM");
  await until("no tray host on the bus", () => !hasOwner("org.kde.StatusNotifierWatcher"));
  try {
    lull = new TrayApp("no-tray");
    await lull.launch(); // --background, as autostart starts it
    await until("the window on screen", () => lullWindows() > 0, 15000);
    const desktop = await lull.api("GET", "/v1/status");
    assert.equal(desktop.first_run, false, "a profile with settings is set up");
  } finally {
    // The other tests run with a tray host, as a desktop with icons has one.
    spawn("status-notifier-watcher", { detached: true, stdio: "ignore" }).unref();
    await until("the tray host back", () => hasOwner("org.kde.StatusNotifierWatcher"));
  }
});

test("the window of a new profile opens on the welcome guide, in the real web view, and finishing it sets Lull up", async () => {
  await waitForDriver(driver);
  const dataDir = mkdtempSync(join(tmpdir(), "lull-welcome-"));
  const session = await Session.start(driver, process.env.LULL_APP, ["--data-dir", dataDir, "--port", "0"]);
  try {
    const heading = await session.waitForText("welcome", (t) => t.includes("Welcome to Lull"));
    assert.match(heading, /Step 1 of 4/);
    const open = await session.run("return document.querySelector('[data-testid=welcome]').open;");
    assert.equal(open, true, "a modal dialog, open");
    await session.waitForText("welcome-zone", (t) => /\S/.test(t)); // the hours say which zone they are in
    await session.find("welcome-start-time");
    await sleep(300); // the step drawn
    mkdirSync(screenshots, { recursive: true });
    for (const theme of ["light", "dark"]) {
      await session.run(`document.documentElement.dataset.theme = ${JSON.stringify(theme)}; return true;`);
      await sleep(400);
      writeFileSync(join(screenshots, `welcome-${theme}.png`), await session.screenshot());
    }
    await session.run("delete document.documentElement.dataset.theme; return true;");

    await session.click("welcome-next");
    await session.waitForText("welcome", (t) => t.includes("Step 2 of 4"));
    assert.match(await session.text("welcome-daemon"), /dunst/, "it names the daemon it found");
    await session.click("welcome-hold-no");
    await session.click("welcome-next");
    await session.waitForText("welcome", (t) => t.includes("Step 3 of 4"));
    await session.click("welcome-next");
    await session.waitForText("welcome", (t) => t.includes("Step 4 of 4"));
    await session.click("welcome-not-now");
    let status;
    for (let i = 0; i < 50; i++) {
      status = await session.run("return await window.__TAURI_INTERNALS__.invoke('status');");
      if (!status.first_run) break;
      await sleep(100);
    }
    assert.equal(status.first_run, false, "finishing the guide finished the first run");
    const settings = await session.run("return await window.__TAURI_INTERNALS__.invoke('settings');");
    assert.equal(settings.capture_desktop, false, "the choice made in step 2 was saved");
    assert.equal(settings.desktop_dnd, false);
    const gone = await session.run("return document.querySelector('[data-testid=welcome]')?.open ?? false;");
    assert.equal(gone, false, "the guide closed");
  } finally {
    await session.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
