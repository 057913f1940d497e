// Measures block end → digest notification visible in dunst, over 20 blocks (the budget: 1 s).
// Not part of the default suite (it lives outside tests/e2e/*.test.mjs); run it with
//   scripts/bench-digest.sh
// Each round: a 2-second block, one held message, then dunst is polled every 5 ms from the
// block's deadline (the instant stored in the database) until the digest is displayed. The data
// directory is Open all day (TrayApp's default), so each digest comes at its block's end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { TrayApp, sleep } from "../app.mjs";

const rounds = Number(process.env.LULL_BENCH_ROUNDS ?? 20);
const dunst = (...args) => execFileSync("dunstctl", args, { encoding: "utf8" }).trim();
const lull = new TrayApp("bench-digest");
before(() => lull.launch());
after(() => lull.stop());

test(`block end → digest visible, ${rounds} rounds`, async () => {
  const latencies = [];
  for (let round = 0; round < rounds; round++) {
    dunst("close-all");
    const block = await lull.api("POST", "/v1/focus/start", { duration_secs: 2 });
    await lull.api("POST", "/v1/messages", { sender: "bench", body: `round ${round}` });
    const deadline = Date.parse(block.deadline);
    while (Date.now() < deadline - 50) await sleep(20);
    for (;;) {
      if (dunst("count", "displayed") !== "0") break;
      assert.ok(Date.now() < deadline + 5000, "the digest came within 5 s");
      await sleep(5);
    }
    latencies.push(Date.now() - deadline);
    await sleep(200);
  }
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)];
  const worst = latencies[latencies.length - 1];
  const line = `block end → digest visible: median ${median} ms, worst ${worst} ms over ${rounds} rounds (all: ${latencies.join(", ")})`;
  console.log(line);
  if (process.env.LULL_BENCH_OUT) writeFileSync(process.env.LULL_BENCH_OUT, line + "\n");
});
