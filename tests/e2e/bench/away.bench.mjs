// Measures unlock → "while you were away" digest visible on dunst, over 20 rounds (the budget:
// 1 s). Not part of the default suite; run it with
//   scripts/bench-away.sh
// Each round: the stand-in locker (../screensaver-standin.py) locks the screen, one message is
// held, then the screen is unlocked at t0 (the `gdbus call` included) and dunst is polled every
// 5 ms until the digest is displayed. The baseline, in the same run and the same way: dunst's own
// time from starting `notify-send` to its popup, with no Lull in between.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { notifySendBaseline, summary } from "./baseline.mjs";
import { TrayApp, openAllDay, sleep, until } from "../app.mjs";

const rounds = Number(process.env.LULL_BENCH_ROUNDS ?? 20);
const LOCKER = ["--dest", "org.freedesktop.ScreenSaver", "--object-path", "/org/freedesktop/ScreenSaver"];
const lull = new TrayApp("bench-away", { settings: { ...openAllDay(), away: { idle_minutes: 240 } } });
let locker = null;

const displayed = () => Number(execFileSync("dunstctl", ["count", "displayed"], { encoding: "utf8" }).trim());
const setLocked = (locked) =>
  execFileSync("gdbus", ["call", "--session", ...LOCKER, "--method", "org.freedesktop.ScreenSaver.SetActive", String(locked)], {
    stdio: "ignore",
  });

before(async () => {
  locker = spawn("/usr/bin/python3", [new URL("../screensaver-standin.py", import.meta.url).pathname], { stdio: "ignore" });
  await sleep(500);
  await lull.launch();
  await until("Lull follows the locker", async () =>
    (await lull.api("GET", "/v1/status")).desktop?.presence?.lock?.includes("org.freedesktop.ScreenSaver"),
  );
});
after(() => {
  lull.stop();
  locker?.kill("SIGTERM");
});

test(`unlock → away digest visible, ${rounds} rounds`, async () => {
  const latencies = [];
  for (let round = 0; round < rounds; round++) {
    execFileSync("dunstctl", ["close-all"]);
    setLocked(true);
    await until("away", async () => (await lull.api("GET", "/v1/status")).quiet_reason === "away");
    await lull.api("POST", "/v1/messages", { sender: "bench", body: `round ${round}` });
    await sleep(200);
    const t0 = Date.now();
    setLocked(false);
    while (displayed() === 0) {
      assert.ok(Date.now() < t0 + 5000, "the digest came within 5 s");
      await sleep(5);
    }
    latencies.push(Date.now() - t0);
    await sleep(200);
  }
  const baseline = await notifySendBaseline(rounds, { clear: () => execFileSync("dunstctl", ["close-all"]), popups: () => displayed() });
  const line =
    `dunst: unlock → away digest visible: ${summary(latencies)} over ${rounds} rounds; ` +
    `baseline notify-send → visible: ${summary(baseline)} (all: ${latencies.join(", ")} | ${baseline.join(", ")})`;
  console.log(line);
  if (process.env.LULL_BENCH_OUT) writeFileSync(process.env.LULL_BENCH_OUT, line + "\n");
});
