// Measures block end → digest notification visible in dunst, over 20 blocks (the budget: 1 s).
// Not part of the default suite (it lives outside tests/e2e/*.test.mjs); run it with
//   scripts/bench-digest.sh
// Each round: a 2-second block, one held message, then dunst is polled every 5 ms from the
// block's deadline (the instant stored in the database) until the digest is displayed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const app = process.env.LULL_APP;
const rounds = Number(process.env.LULL_BENCH_ROUNDS ?? 20);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const dunst = (...args) => execFileSync("dunstctl", args, { encoding: "utf8" }).trim();
let dataDir;
let child;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lull-bench-digest-"));
  child = spawn(app, ["--data-dir", dataDir, "--port", "0", "--background"], { stdio: "ignore" });
  for (let i = 0; i < 100 && !existsSync(join(dataDir, "api.json")); i++) await sleep(100);
});
after(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method, path, body) {
  const { url } = JSON.parse(readFileSync(join(dataDir, "api.json"), "utf8"));
  const token = readFileSync(join(dataDir, "token"), "utf8").trim();
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

test(`block end → digest visible, ${rounds} rounds`, async () => {
  const status = await api("GET", "/v1/status");
  if (status.mode !== "open") await api("POST", "/v1/mode/working-late", { until: "23:59" });
  const latencies = [];
  for (let round = 0; round < rounds; round++) {
    dunst("close-all");
    const block = await api("POST", "/v1/focus/start", { duration_secs: 2 });
    await api("POST", "/v1/messages", { sender: "bench", body: `round ${round}` });
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
