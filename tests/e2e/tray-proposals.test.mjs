// Focus time booked for you, from the tray: the next proposal's submenu, skipped, accepted and
// taken back over D-Bus, as a StatusNotifier host clicks it. The app runs in a zone where it is
// about noon, Open all day, so there is room for the goal's blocks at any hour the suite runs.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { TrayApp, noonZone, openAllDay, restoreDunst } from "./app.mjs";
import { Tray } from "./tray.mjs";

const lull = new TrayApp("tray-proposals", {
  env: { TZ: noonZone() },
  // The review reminder at midnight of that zone: twelve hours away.
  settings: { ...openAllDay(), review_time: "00:00", focus_time: { daily_minutes: 100, block_minutes: 50 } },
});

after(() => {
  lull.stop();
  restoreDunst();
});

const PROPOSED = /^Focus proposed (\d\d:\d\d)–(\d\d:\d\d)$/;
const BOOKED = /^Focus booked (\d\d:\d\d)–(\d\d:\d\d)$/;

test("the tray offers the next proposal: skipped, accepted and taken back", async () => {
  await lull.launch();
  const tray = await Tray.of(lull.child.pid);
  const submenu = (pattern) => tray.items().find((i) => pattern.test(i.label));
  const has = (label) => tray.items().some((i) => i.label === label);
  await tray.waitFor(() => submenu(PROPOSED) !== undefined, "a focus proposal");

  const first = submenu(PROPOSED).label;
  const { proposals } = await lull.api("GET", "/v1/status");
  assert.equal(proposals.length, 2, "a 100-minute goal in 50-minute blocks: two proposals");
  assert.ok(has("Move…") && has("Skip today"), "the proposal's answers");
  assert.ok(has("Accept") || has("Start now"), "Accept, or Start now once its time has come");

  // Skipped: the goal goes to a later gap, at least a block's length away, so the rest of the
  // test does not race the clock into a block starting.
  tray.click("Skip today");
  await tray.waitFor(() => submenu(PROPOSED) !== undefined && submenu(PROPOSED).label !== first, "the next proposal");
  const second = submenu(PROPOSED).label;
  const [, start, end] = PROPOSED.exec(second);
  assert.ok(has("Accept"), "a proposal still to come is accepted, not started");

  tray.click("Accept");
  await tray.waitFor(() => submenu(BOOKED) !== undefined, "the booked block");
  assert.equal(submenu(BOOKED).label, `Focus booked ${start}–${end}`, "the same time, booked");
  assert.ok(has("Take back") && has("Move…"), "a booked block is moved or taken back");
  assert.ok(!has("Accept") && !has("Skip today"), "nothing left to accept");
  const booked = (await lull.api("GET", "/v1/status")).proposals.filter((p) => p.accepted);
  assert.equal(booked.length, 1, "the engine booked it");
  assert.equal(tray.label(), "", "no block runs yet: it starts at its time");

  tray.click("Take back");
  await tray.waitFor(() => submenu(BOOKED) === undefined, "the booked block taken back");
  const after = (await lull.api("GET", "/v1/status")).proposals;
  assert.ok(
    after.every((p) => !p.accepted),
    `nothing booked any more: ${JSON.stringify(after)}`,
  );
});
