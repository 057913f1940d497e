// The GNOME do-not-disturb adapter against a real GSettings backend (dconf, activated on this
// test's private bus): a block turns banners off, its end turns them back on, and banners the
// user had turned off stay off. gnome-shell itself cannot run here, so the adapter is chosen with
// LULL_DND_ADAPTER=gnome; detection from the daemon's self-description is unit-tested.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const app = process.env.LULL_APP;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const schema = "org.gnome.desktop.notifications";
const banners = () => execFileSync("gsettings", ["get", schema, "show-banners"], { encoding: "utf8" }).trim();
const setBanners = (on) => execFileSync("gsettings", ["set", schema, "show-banners", String(on)]);
let dataDir;
let child;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lull-gnome-"));
  setBanners(true);
  child = spawn(app, ["--data-dir", dataDir, "--port", "0", "--background"], {
    stdio: "ignore",
    env: { ...process.env, LULL_DND_ADAPTER: "gnome" },
  });
  for (let i = 0; i < 100 && !existsSync(join(dataDir, "api.json")); i++) await sleep(100);
});
after(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  setBanners(true);
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

async function until(what, predicate, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await sleep(100);
  }
}

test("a block turns GNOME's banners off and its end turns them back on; the user's own setting stays", async () => {
  const status = await api("GET", "/v1/status");
  if (status.mode !== "open") await api("POST", "/v1/mode/working-late", { until: "23:59" });
  assert.equal(banners(), "true");
  await api("POST", "/v1/focus/start", { duration_secs: 60, intent: "gnome e2e" });
  await until("banners off during the block", () => banners() === "false");
  await api("POST", "/v1/focus/stop");
  await until("banners back on after it", () => banners() === "true");

  setBanners(false); // the user's own do-not-disturb
  await api("POST", "/v1/focus/start", { duration_secs: 60, intent: "gnome prior e2e" });
  await sleep(500);
  await api("POST", "/v1/focus/stop");
  await sleep(800);
  assert.equal(banners(), "false", "left as the user had it");
});
