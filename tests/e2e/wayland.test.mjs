// The app's window on Wayland: under the headless sway of a mako or swaync run (run.sh, with
// GDK_BACKEND=wayland), the window opens and draws (a `grim` screenshot of the output is no
// longer the bare background), and a block started from it counts down and completes. Skipped
// in the X11 runs, which the other suites cover.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataDirWith, sleep } from "./app.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.env.LULL_APP;
const onWayland = process.env.GDK_BACKEND === "wayland" && Boolean(process.env.WAYLAND_DISPLAY);

/** The share of the screen's pixels that differ from its bottom-left corner (the background). */
function drawnShare() {
  const file = join(tmpdir(), `lull-e2e-wayland-${process.pid}.ppm`);
  execFileSync("grim", ["-t", "ppm", file], { timeout: 5000 });
  const data = readFileSync(file);
  rmSync(file, { force: true });
  const header = data.subarray(0, 64).toString("latin1").split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = data.length - width * height * 3;
  const background = data.subarray(start + (height - 1) * width * 3, start + (height - 1) * width * 3 + 3);
  let drawn = 0;
  for (let i = start; i < data.length; i += 3 * 7) if (!data.subarray(i, i + 3).equals(background)) drawn += 1;
  return drawn / ((width * height) / 7);
}

before(async () => {
  if (onWayland) await waitForDriver(driver);
});

test("on Wayland the window opens and draws, and a block started from it counts down and completes", { skip: !onWayland && "not a Wayland run" }, async () => {
  const empty = drawnShare();
  const dataDir = dataDirWith("wayland");
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  try {
    await session.waitForText("state", (t) => /ready/i.test(t));
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
    await session.waitForText("state", (t) => /ready/i.test(t), 10000);
    assert.equal(await session.text("today-completed"), "1", "today counts the completed block");
  } finally {
    await session.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
