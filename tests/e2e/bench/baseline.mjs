// What the latency benches share: the daemon's own time from starting `notify-send` to its popup
// being seen, measured the same way as Lull's in the same run, and the one-line summary.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { sleep } from "../app.mjs";

/** `rounds` times: clear the screen, start `notify-send` at t0, poll `popups()` every 5 ms. */
export async function notifySendBaseline(rounds, { clear, popups }) {
  const baseline = [];
  for (let round = 0; round < rounds; round++) {
    clear();
    await sleep(200);
    const t0 = Date.now();
    execFileSync("notify-send", ["bench baseline", `round ${round}`]);
    while (popups() === 0) {
      assert.ok(Date.now() < t0 + 5000, "the baseline popup came within 5 s");
      await sleep(5);
    }
    baseline.push(Date.now() - t0);
  }
  return baseline;
}

/** "median 47 ms, worst 179 ms". */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted[sorted.length - 1]} ms`;
}
