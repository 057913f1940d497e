import { describe, expect, it } from "vitest";
import { defaultSettings, sources } from "../test-support/settings";
import { check, tidy } from "./settings-check";
import {
  calendarSecret,
  calendarStatusLine,
  calendarStatuses,
  isCalendarUrl,
  isFilePath,
  newCalendar,
  parseAddresses,
  formatAddresses,
  takesPassword,
  tidyCalendar,
  tidyMeetings,
  type CalendarSource,
} from "./settings-calendars";
import { placeField } from "./settings-fields";
import { changedSections, sectionOfField } from "./settings-sections";

const calendar = (overrides: Partial<CalendarSource> = {}): CalendarSource => ({
  id: "work",
  url: "https://dav.example.org/calendars/me/work/",
  kind: "caldav",
  user: "me",
  poll_minutes: 15,
  enabled: true,
  ...overrides,
});

const problemOf = (overrides: Partial<CalendarSource>): string | undefined =>
  check(defaultSettings({ calendars: [calendar(overrides)] })).get("calendars[0]");

describe("a new calendar", () => {
  it("is an ICS calendar without a login, read every 15 minutes, on, with a fresh id", () => {
    expect(newCalendar([])).toEqual({
      id: "calendar",
      url: "",
      kind: "ics",
      user: null,
      poll_minutes: 15,
      enabled: true,
    });
    expect(newCalendar([calendar({ id: "calendar" })]).id).toBe("calendar-2");
    expect(newCalendar([calendar({ id: "calendar" }), calendar({ id: "calendar-2" })]).id).toBe("calendar-3");
  });

  it("keeps its password under calendar/<id>", () => {
    expect(calendarSecret("work")).toBe("calendar/work");
  });
});

describe("a calendar's address", () => {
  it.each([
    ["/home/me/work.ics", "ics", true],
    ["file:///home/me/work.ics", "ics", true],
    ["https://example.org/work.ics?token=abc", "ics", true],
    ["http://example.org/work.ics", "ics", true],
    ["work.ics", "ics", false],
    ["~/work.ics", "ics", false],
    ["file://host/work.ics", "ics", false],
    ["", "ics", false],
    ["https://dav.example.org/calendars/me/work/", "caldav", true],
    ["/home/me/work.ics", "caldav", false],
    ["file:///home/me/work.ics", "caldav", false],
    ["ftp://example.org/work", "caldav", false],
    ["https://exa mple.org/", "caldav", false],
  ] as const)("%s for %s: %s", (url, kind, ok) => {
    expect(isCalendarUrl(url, kind)).toBe(ok);
  });

  it("names a file by a path or a file URL", () => {
    expect(isFilePath(" /home/me/work.ics")).toBe(true);
    expect(isFilePath("FILE:///home/me/work.ics")).toBe(true);
    expect(isFilePath("https://example.org/work.ics")).toBe(false);
  });

  it("offers a password only with a login name, never for a file", () => {
    expect(takesPassword(calendar())).toBe(true);
    expect(takesPassword(calendar({ user: null }))).toBe(false);
    expect(takesPassword(calendar({ user: "  " }))).toBe(false);
    expect(takesPassword(calendar({ kind: "ics", url: "/home/me/work.ics" }))).toBe(false);
  });
});

describe("a calendar as it is sent", () => {
  it("is trimmed, with no login name for a file or an empty one", () => {
    expect(tidyCalendar(calendar({ id: " work ", url: " https://dav.example.org/w/ ", user: " me " }))).toEqual(
      calendar({ url: "https://dav.example.org/w/" }),
    );
    expect(tidyCalendar(calendar({ user: "" })).user).toBeNull();
    expect(tidyCalendar(calendar({ kind: "ics", url: "/home/me/work.ics", user: "me" })).user).toBeNull();
    expect(tidy(defaultSettings({ calendars: [calendar({ user: " " })] })).calendars[0]?.user).toBeNull();
  });

  it("is checked as the core checks it", () => {
    expect(problemOf({})).toBeUndefined();
    expect(problemOf({ id: "has space" })).toMatch(/^Name it with 1 to 32/);
    expect(problemOf({ url: "/home/me/work.ics" })).toMatch(/calendar's http\(s\) address/);
    expect(problemOf({ kind: "ics", url: "work.ics", user: null })).toMatch(/absolute path/);
    expect(problemOf({ poll_minutes: 0 })).toBe("Read a calendar every 1 to 1440 minutes.");
    expect(problemOf({ poll_minutes: 1441 })).toBe("Read a calendar every 1 to 1440 minutes.");
    expect(problemOf({ poll_minutes: Number.NaN })).toBe("Read a calendar every 1 to 1440 minutes.");
    expect(problemOf({ poll_minutes: 1440 })).toBeUndefined();
    const twice = check(defaultSettings({ calendars: [calendar(), calendar()] }));
    expect(twice.get("calendars[1]")).toBe("Another calendar is called work: pick another name.");
    const many = Array.from({ length: 21 }, (_, i) => calendar({ id: `c${i}` }));
    expect(check(defaultSettings({ calendars: many })).get("calendars")).toBe("Read at most 20 calendars.");
  });

  it("has its place in Sources, and a refusal of one of its fields lands beside it", () => {
    expect(sectionOfField("calendars[0].poll_minutes")).toBe("sources");
    expect(sectionOfField("meetings.focus_marker")).toBe("sources");
    expect(placeField("calendars[0]", { calendars: 1 })).toBe("calendars[0]");
    expect(placeField("calendars[0].poll_minutes", { calendars: 1 })).toBe("calendars[0]");
    expect(placeField("calendars[2].url", { calendars: 1 }), "a calendar the form does not have").toBeNull();
    expect(placeField("meetings.focus_marker", {})).toBe("meetings.focus_marker");
    expect(placeField("meetings.addresses[1]", {})).toBe("meetings.addresses");
    const saved = defaultSettings();
    expect(changedSections(saved, defaultSettings({ calendars: [calendar()] }))).toEqual(new Set(["sources"]));
    const quiet = defaultSettings({ meetings: { ...saved.meetings, quiet: false } });
    expect(changedSections(saved, quiet)).toEqual(new Set(["sources"]));
  });
});

describe("what meetings do, as it is sent", () => {
  it("reads addresses separated by commas or lines, each once whatever its case", () => {
    expect(parseAddresses(" me@example.org, boss@example.org\n\nMe@Example.org,\r\nthird@example.org ")).toEqual([
      "me@example.org",
      "boss@example.org",
      "third@example.org",
    ]);
    expect(parseAddresses("")).toEqual([]);
    expect(formatAddresses(["a@example.org", "b@example.org"])).toBe("a@example.org\nb@example.org");
  });

  it("sends an emptied marker as none, and trims one", () => {
    const meetings = { quiet: true, addresses: [] };
    expect(tidyMeetings({ ...meetings, focus_marker: "  " }).focus_marker).toBeNull();
    expect(tidyMeetings({ ...meetings, focus_marker: " #focus " }).focus_marker).toBe("#focus");
    expect(tidyMeetings(meetings).focus_marker).toBeNull();
    expect(tidy(defaultSettings()).meetings, "the defaults are untouched").toEqual(defaultSettings().meetings);
  });

  it("points at an address that is none", () => {
    const settings = defaultSettings({ meetings: { quiet: true, focus_marker: null, addresses: ["me", "a@b.org"] } });
    expect(check(settings).get("meetings.addresses")).toBe(
      "me is not a mail address: write one such as me@example.org.",
    );
    expect(check(defaultSettings()).get("meetings.addresses")).toBeUndefined();
  });
});

describe("a calendar's status", () => {
  it("says how many events a running calendar has, else what any source says", () => {
    expect(calendarStatusLine({ state: "running", detail: "12 events" }, "/home/me/work.ics", 0)).toEqual({
      text: "Running: 12 events",
      tone: "good",
    });
    expect(calendarStatusLine({ state: "running", detail: null }, "/home/me/work.ics", 0).tone).toBe("good");
    expect(calendarStatusLine(null, "", 0).text).toBe("Starts once saved.");
    expect(calendarStatusLine({ state: "unreachable", detail: null }, "https://dav.example.org/x/", 0).text).toBe(
      "Cannot reach dav.example.org.",
    );
  });

  it("is read from the engine's sources, none while they load", () => {
    expect(calendarStatuses(null)).toBeNull();
    expect(calendarStatuses(sources())).toEqual([]);
    const running = { id: "work", status: { state: "running" as const, detail: "3 events" } };
    expect(calendarStatuses({ ...sources(), calendars: [running] })).toEqual([running]);
  });
});
