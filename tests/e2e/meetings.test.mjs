// Meetings, end to end: the real app in the tray reads a calendar from an ICS file (as a calendar
// app exports it) holding a meeting under way now, in UTC so that it is the same meeting in any
// zone. While it runs Lull is quiet for it: the tray's header says until when, what comes is held
// until its end, no popup; at its end one "held during your meeting" digest on dunst. The work
// hours are all day, so none of it depends on the hour. (CalDAV and ICS URLs are tested against a
// real Radicale in lull-sources; recurrences and zones in lull-core.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TrayApp, cli, openAllDay, restoreDunst, sleep, until } from "./app.mjs";
import { Tray } from "./tray.mjs";

/** 20261202T230412Z: an ICS date-time in UTC, to the second. */
const icsUtc = (date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");

// The meeting began a minute ago and ends 25 s from now: long enough to start the app and look
// at it, short enough to wait for its end.
const start = new Date(Date.now() - 60_000);
const end = new Date(Math.ceil((Date.now() + 25_000) / 1000) * 1000);
const calendarDir = mkdtempSync(join(tmpdir(), "lull-meetings-ics-"));
const file = join(calendarDir, "work.ics");
writeFileSync(
  file,
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Lull e2e//EN",
    "BEGIN:VEVENT",
    "UID:e2e-planning@lull",
    "DTSTAMP:20261101T000000Z",
    "SUMMARY:Planning (e2e)",
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(end)}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n"),
);

const lull = new TrayApp("meetings", {
  settings: { ...openAllDay(), calendars: [{ id: "work", url: file, kind: "ics" }] },
});

/** Every notification dunst has shown so far (closing the displayed ones moves them to history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return json.data.flat().map((n) => ({ summary: n.summary?.data ?? "", body: n.body?.data ?? "" }));
}

const displayed = () => Number(execFileSync("dunstctl", ["count", "displayed"], { encoding: "utf8" }).trim());
const pad = (n) => String(n).padStart(2, "0");

before(async () => {
  restoreDunst();
  await lull.launch();
});

after(() => {
  lull.stop();
  rmSync(calendarDir, { recursive: true, force: true });
  restoreDunst();
});

test("a meeting in the calendar holds what comes until it ends, then one meeting digest", async () => {
  const status = await until("Lull is in the meeting", async () => {
    const s = await lull.api("GET", "/v1/status");
    return s.quiet_reason === "meeting" ? s : null;
  }, 10_000);
  assert.equal(status.mode, "quiet");
  assert.equal(status.meeting.title, "Planning (e2e)");
  assert.equal(Date.parse(status.meeting.end), end.getTime());
  const sources = execFileSync(cli, ["sources", "--data-dir", lull.dataDir], { encoding: "utf8" });
  assert.match(sources, /Calendar work\s+.*1 event/, sources);

  const receipt = await lull.api("POST", "/v1/messages", { sender: "Meeting-e2e", title: "during", body: "held (meeting e2e)" });
  assert.equal(receipt.decision, "held", "held during the meeting");
  assert.equal(Date.parse(receipt.release_at), end.getTime(), "released when the meeting ends");

  // The tray says it without the meeting's title (it is on screen for anyone to read).
  const tray = await Tray.of(lull.child.pid);
  const until_ = `${pad(end.getHours())}:${pad(end.getMinutes())}`;
  await tray.waitFor((t) => t.items()[0]?.label === `In a meeting until ${until_} · 1 held`, "the tray's header");
  await sleep(500);
  assert.equal(displayed(), 0, "no popup during the meeting");

  const left = end.getTime() - Date.now();
  await until("the meeting's digest is on screen", () => displayed() > 0, left + 10_000);
  const notices = shown();
  const digests = notices.filter((n) => /1 held during your meeting.*Meeting-e2e/s.test(`${n.summary} ${n.body}`));
  assert.equal(digests.length, 1, `exactly one meeting digest: ${JSON.stringify(notices)}`);
  assert.ok(!notices.some((n) => n.body.includes("held (meeting e2e)")), "the held message itself made no popup");
  const after_ = await lull.api("GET", "/v1/status");
  assert.equal(after_.mode, "open");
  assert.equal(after_.meeting, null);
});
