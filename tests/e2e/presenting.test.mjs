// Presenting, end to end: the real app in the tray, a real window manager (openbox) on the run's
// Xvfb, and a real X client (xmessage) as the presentation, made fullscreen the way a pager asks
// for it (wmctrl, EWMH). While it fills the screen in work hours Lull is quiet: what comes is held,
// what breaks through pops up without its text; when it leaves fullscreen, one "held while you
// were presenting" digest on dunst. The work hours are all day, so none of it depends on the hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { TrayApp, openAllDay, restoreDunst, sleep, until } from "./app.mjs";
import { Tray } from "./tray.mjs";

const lull = new TrayApp("presenting", { settings: openAllDay() });
let openbox = null;
let slides = null;

const wmctrl = (...args) => execFileSync("wmctrl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const managed = () => {
  try {
    wmctrl("-m");
    return true;
  } catch {
    return false;
  }
};

/** Every notification dunst has shown so far (closing the displayed ones moves them to history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return json.data.flat().map((n) => ({ summary: n.summary?.data ?? "", body: n.body?.data ?? "" }));
}

const displayed = () => Number(execFileSync("dunstctl", ["count", "displayed"], { encoding: "utf8" }).trim());
const pad = (n) => String(n).padStart(2, "0");

before(async () => {
  restoreDunst();
  openbox = spawn("openbox", [], { stdio: "ignore" });
  await until("openbox manages the screen", managed, 10_000);
  await lull.launch();
  await until("Lull follows the focused window", async () => {
    const status = await lull.api("GET", "/v1/status");
    return status.desktop?.presence?.screen === "X11";
  });
});

after(() => {
  lull.stop();
  slides?.kill("SIGTERM");
  openbox?.kill("SIGTERM");
  restoreDunst();
});

test("a fullscreen window holds what comes, hides what breaks through, and ends in one digest", async () => {
  slides = spawn("xmessage", ["-name", "slides", "the slides (presenting e2e)"], { stdio: "ignore" });
  await until("the slides are open", () => wmctrl("-l").includes("slides"), 10_000);
  wmctrl("-a", "slides");
  assert.equal((await lull.api("GET", "/v1/status")).mode, "open", "a window that is not fullscreen is nothing");

  wmctrl("-r", "slides", "-b", "add,fullscreen");
  const status = await until("Lull is quiet for the presentation", async () => {
    const s = await lull.api("GET", "/v1/status");
    return s.quiet_reason === "presenting" ? s : null;
  });
  assert.equal(status.mode, "quiet");
  assert.equal(status.presenting.screen, "fullscreen");

  const held = await lull.api("POST", "/v1/messages", { sender: "Presenting-e2e", title: "held", body: "held (presenting e2e)" });
  assert.equal(held.decision, "held");
  assert.equal(held.release_at, null, "nobody knows when the presentation ends");
  const tray = await Tray.of(lull.child.pid);
  const since = new Date(status.presenting.since);
  const header = `Presenting since ${pad(since.getHours())}:${pad(since.getMinutes())} (a fullscreen window) · 1 held`;
  await tray.waitFor((t) => t.items()[0]?.label === header, "the tray's header");
  await sleep(500);
  assert.equal(displayed(), 0, "no popup while presenting");

  const urgent = await lull.api("POST", "/v1/messages", {
    sender: "Presenting-e2e",
    title: "prod is down",
    body: "secret text (presenting e2e)",
    priority: 5,
  });
  assert.equal(urgent.decision, "broke_through", "what breaks through a block still does");
  await until("the breakthrough is on screen", () => displayed() > 0);
  const during = shown();
  assert.ok(during.some((n) => n.summary === "1 notice from Lull"), JSON.stringify(during));
  assert.ok(
    !during.some((n) => `${n.summary} ${n.body}`.includes("prod is down") || n.body.includes("secret text")),
    `no message text on screen: ${JSON.stringify(during)}`,
  );

  wmctrl("-r", "slides", "-b", "remove,fullscreen");
  await until("the digest is on screen", () => displayed() > 0);
  const notices = shown();
  const digests = notices.filter((n) => /1 held while you were presenting.*Presenting-e2e/s.test(`${n.summary} ${n.body}`));
  assert.equal(digests.length, 1, `exactly one digest: ${JSON.stringify(notices)}`);
  const back = await lull.api("GET", "/v1/status");
  assert.equal(back.mode, "open");
  assert.equal(back.presenting, null);
});
