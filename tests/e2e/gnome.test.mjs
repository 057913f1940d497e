// The GNOME do-not-disturb adapter against a real GSettings backend (dconf, activated on this
// test's private bus): a block turns banners off, its end turns them back on, and banners the
// user had turned off stay off. gnome-shell itself cannot run here, so the adapter is chosen with
// LULL_DND_ADAPTER=gnome; detection from the daemon's self-description is unit-tested.
// The data directory is Open all day (Quiet would switch banners off at start), and the key is
// reset to its default before and after, whatever an earlier test or a failure left in dconf.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { TrayApp, sleep, until } from "./app.mjs";

const schema = "org.gnome.desktop.notifications";
const banners = () => execFileSync("gsettings", ["get", schema, "show-banners"], { encoding: "utf8" }).trim();
const setBanners = (on) => execFileSync("gsettings", ["set", schema, "show-banners", String(on)]);
const resetBanners = () => execFileSync("gsettings", ["reset", schema, "show-banners"]);
const lull = new TrayApp("gnome", { env: { LULL_DND_ADAPTER: "gnome" } });
before(async () => {
  resetBanners();
  await lull.launch();
});
after(() => {
  lull.stop();
  resetBanners();
});

test("a block turns GNOME's banners off and its end turns them back on; the user's own setting stays", async () => {
  assert.equal((await lull.api("GET", "/v1/status")).mode, "open", "Open all day: nothing switched at start");
  assert.equal(banners(), "true", "banners on (the schema's default) before the block");
  await lull.api("POST", "/v1/focus/start", { duration_secs: 60, intent: "gnome e2e" });
  await until("banners off during the block", () => banners() === "false");
  await lull.api("POST", "/v1/focus/stop");
  await until("banners back on after it", () => banners() === "true");

  setBanners(false); // the user's own do-not-disturb
  await lull.api("POST", "/v1/focus/start", { duration_secs: 60, intent: "gnome prior e2e" });
  await sleep(500);
  await lull.api("POST", "/v1/focus/stop");
  await sleep(800);
  assert.equal(banners(), "false", "left as the user had it");
});
