// The app's window on Wayland: under the headless sway of a mako or swaync run (run.sh, with
// GDK_BACKEND=wayland), the window opens and draws (a `grim` screenshot of the output is no
// longer the bare background), and a block started from it counts down and completes. Skipped
// in the X11 runs, which the other suites cover.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dataDirWith, sleep } from "./app.mjs";
import { screenshot } from "./daemons.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.env.LULL_APP;
const onWayland = process.env.GDK_BACKEND === "wayland" && Boolean(process.env.WAYLAND_DISPLAY);

/** The share of the screen's pixels (every 7th) that differ from its bottom-left corner. */
function drawnShare() {
  const { width, height, pixel } = screenshot();
  const background = Buffer.from(pixel(0, height - 1));
  let drawn = 0;
  let seen = 0;
  for (let i = 0; i < width * height; i += 7, seen++) {
    if (!pixel(i % width, Math.floor(i / width)).equals(background)) drawn += 1;
  }
  return drawn / seen;
}

before(async () => {
  if (onWayland) await waitForDriver(driver);
});

test("on Wayland the window opens and draws, and a block started from it counts down and completes", { skip: !onWayland && "not a Wayland run" }, async () => {
  const empty = drawnShare();
  const dataDir = dataDirWith("wayland");
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    await sleep(500);
    const drawn = drawnShare();
    assert.ok(drawn > empty + 0.1, `the window drew on the output (${drawn.toFixed(2)} of it drawn, ${empty.toFixed(2)} before)`);

    await session.type("custom-duration", "3s");
    await session.click("start");
    await session.waitForText("state", (t) => /focusing/i.test(t));
    const first = await session.text("countdown");
    assert.match(first, /^00:0[0-3]$/, "a 3-second block shows at most 00:03");
    await sleep(1500);
    assert.notEqual(await session.text("countdown"), first, "the countdown moves");
    await session.waitForText("state", (t) => /^open\b/i.test(t), 10000);
    assert.equal(await session.text("today-completed"), "1", "today counts the completed block");
  } finally {
    await session.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
