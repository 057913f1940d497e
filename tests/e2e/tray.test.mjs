// The tray end to end: the real app in the background (no window), its menu clicked over D-Bus.
// Its data directory is Open all day, so the header reads the same at any hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { once } from "node:events";
import { dataDirWith, openAllDay, restoreDunst } from "./app.mjs";
import { Tray } from "./tray.mjs";

const app = process.env.LULL_APP;
let dataDir;
let child;

before(() => {
  // Four presets: the tray offers every one (it once had room for three).
  dataDir = dataDirWith("tray", { ...openAllDay(), focus_presets: [15, 25, 45, 90] });
  child = spawn(app, ["--data-dir", dataDir, "--port", "0", "--background"], { stdio: "ignore" });
});
after(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  restoreDunst();
});

test("a block started, extended and stopped from the tray menu, then Quit", async () => {
  const tray = await Tray.of(child.pid);
  await tray.waitFor((t) => t.items().some((i) => i.label === "25 minutes"), "its menu");

  const header = () => tray.items()[0];
  assert.match(header().label, /^Open( until .+)?$/, "the header says the mode: Open all day");
  assert.equal(header().enabled, false, "the header is a label, not an action");
  assert.equal(tray.item("Start focus").enabled, true);
  assert.equal(tray.item("Stop focus").enabled, false, "nothing to stop yet");
  assert.equal(tray.item("Extend +10 min").enabled, false, "nothing to extend yet");
  assert.equal(tray.label(), "", "no label while idle");
  for (const preset of ["15 minutes", "25 minutes", "45 minutes", "1 h 30 min", "Custom…"]) {
    assert.ok(tray.items().some((i) => i.label === preset), `the Start focus submenu offers ${preset}`);
  }
  assert.ok(!tray.items().some((i) => i.label === "Daily review"), "one inbox item, not two that open the same");

  tray.click("25 minutes");
  await tray.waitFor((t) => t.label() === "25 min", 'the label "25 min"');
  assert.equal(tray.item("Stop focus").enabled, true);
  assert.equal(tray.item("Extend +10 min").enabled, true);
  assert.equal(tray.item("Start focus").enabled, false, "one block at a time");
  assert.ok(tray.items().some((i) => /^Focusing until \d\d:\d\d$/.test(i.label)), "the header says until when");

  tray.click("Extend +10 min");
  await tray.waitFor((t) => t.label() === "35 min", 'the label "35 min" after extending');
  await tray.waitFor(
    (t) => t.items().some((i) => i.label === "Stop the block and quit"),
    "Quit asking what to do with the block",
  );
  tray.click("Keep focusing");
  assert.equal(child.exitCode, null, "Keep focusing keeps Lull running");

  tray.click("Stop focus");
  await tray.waitFor((t) => t.label() === "" && t.item("Start focus").enabled, "idle again after Stop");
  await tray.waitFor(
    (t) => !t.items().some((i) => i.label === "Stop the block and quit"),
    "a plain Quit again once the block is over",
  );
  assert.match(header().label, /^Open/);

  assert.equal(tray.item("Back to schedule").enabled, false, "no override yet");
  tray.click("1 hour");
  await tray.waitFor(() => header().label.startsWith("Working late"), "working late in the header");
  // A submenu's label, drawn anew when it changes (GTK would keep showing the old one).
  const lateUntil = /^Working late · until (\w{3} )?\d\d:\d\d$/;
  await tray.waitFor((t) => t.items().some((i) => lateUntil.test(i.label)), "until when, on the submenu");
  assert.equal(tray.item("Back to schedule").enabled, true);
  tray.click("Back to schedule");
  await tray.waitFor(() => /^Open/.test(header().label), "back to the schedule: Open");
  await tray.waitFor((t) => t.items().some((i) => i.label === "Working late"), "the submenu's plain label again");

  const exited = once(child, "exit");
  tray.click("Quit Lull", { exits: true });
  const [code] = await exited;
  assert.equal(code, 0, "Quit ends the app cleanly");
});
