// Measures block end → digest notification visible on the run's daemon (LULL_E2E_DAEMON, see
// ../daemons.mjs), over 20 blocks (the budget: 1 s).
// Not part of the default suite (it lives outside tests/e2e/*.test.mjs); run it with
//   scripts/bench-digest.sh
// Each round: a 2-second block, one held message, then dunst is polled every 5 ms from the
// block's deadline (the instant stored in the database) until the digest is displayed, as the
// daemon's own tools see it (for mako and swaync a screenshot, which itself takes time: their
// figures are upper bounds by about one screenshot). The data
// directory is Open all day (TrayApp's default), so each digest comes at its block's end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { notifySendBaseline, summary } from "./baseline.mjs";
import { TrayApp, sleep } from "../app.mjs";
import { daemon } from "../daemons.mjs";

const rounds = Number(process.env.LULL_BENCH_ROUNDS ?? 20);
const lull = new TrayApp("bench-digest");
before(() => lull.launch());
after(() => lull.stop());

test(`block end → digest visible, ${rounds} rounds`, async () => {
  const latencies = [];
  for (let round = 0; round < rounds; round++) {
    daemon.clear();
    const block = await lull.api("POST", "/v1/focus/start", { duration_secs: 2 });
    await lull.api("POST", "/v1/messages", { sender: "bench", body: `round ${round}` });
    const deadline = Date.parse(block.deadline);
    while (Date.now() < deadline - 50) await sleep(20);
    for (;;) {
      if (daemon.popups() !== 0) break;
      assert.ok(Date.now() < deadline + 5000, "the digest came within 5 s");
      await sleep(5);
    }
    latencies.push(Date.now() - deadline);
    await sleep(200);
  }
  // The baseline, in the same run and the same way: the daemon's own time from `notify-send`
  // (started at t0) to its popup being seen, with no Lull in between.
  const baseline = await notifySendBaseline(rounds, { clear: () => daemon.clear(), popups: () => daemon.popups() });
  const line =
    `${daemon.name}: block end → digest visible: ${summary(latencies)} over ${rounds} rounds; ` +
    `baseline notify-send → visible: ${summary(baseline)} (all: ${latencies.join(", ")} | ${baseline.join(", ")})`;
  console.log(line);
  if (process.env.LULL_BENCH_OUT) writeFileSync(process.env.LULL_BENCH_OUT, line + "\n");
});
