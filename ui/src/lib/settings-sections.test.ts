import { describe, expect, it } from "vitest";
import { defaultSettings, publishToken } from "../test-support/settings";
import { firstRunStatus, idleStatus } from "../test-support/status";
import { tidy } from "./settings-check";
import {
  changedSections,
  isNewUser,
  listOf,
  SECTIONS,
  sectionOfField,
  sectionOrder,
  sectionsOf,
} from "./settings-sections";

const ids = (sections: { id: string }[]): string[] => sections.map((s) => s.id);

describe("the sections' order", () => {
  it("starts at Work hours for someone set up, in the order of the issue", () => {
    expect(ids(sectionOrder(false))).toEqual([
      "hours",
      "focus",
      "delivery",
      "rules",
      "sources",
      "desktop",
      "hooks",
      "retention",
    ]);
  });

  it("puts Sources first for someone new, the others in their usual order", () => {
    expect(ids(sectionOrder(true))).toEqual([
      "sources",
      "hours",
      "focus",
      "delivery",
      "rules",
      "desktop",
      "hooks",
      "retention",
    ]);
  });

  it("calls someone new while the first run is not finished, or before any publish token was made", () => {
    expect(isNewUser(firstRunStatus(), [publishToken()]), "first run").toBe(true);
    expect(isNewUser(idleStatus(), []), "no token yet").toBe(true);
    expect(isNewUser(idleStatus(), [publishToken()])).toBe(false);
    expect(isNewUser(idleStatus(), [publishToken({ revoked_at: "2026-03-05T12:00:00Z" })]), "one was made").toBe(false);
    expect(isNewUser(null, null), "nothing known: not new").toBe(false);
  });
});

describe("the sections' fields", () => {
  it("finds the section of each field the core names", () => {
    expect(sectionOfField("work_hours.mon")).toBe("hours");
    expect(sectionOfField("work_hours")).toBe("hours");
    expect(sectionOfField("review_time")).toBe("hours");
    expect(sectionOfField("schedule[2]")).toBe("focus");
    expect(sectionOfField("focus_presets")).toBe("focus");
    expect(sectionOfField("file_delivered_after_hours")).toBe("delivery");
    expect(sectionOfField("rules[0]")).toBe("rules");
    expect(sectionOfField("shortcut")).toBe("desktop");
    expect(sectionOfField("hooks[1]")).toBe("hooks");
    expect(sectionOfField("retention_days")).toBe("retention");
    expect(sectionOfField("something_new")).toBeNull();
  });

  it("covers every setting there is, each in one section", () => {
    const keys = SECTIONS.flatMap((s) => s.keys);
    expect([...keys].sort()).toEqual(Object.keys(defaultSettings()).sort());
  });

  it("says which sections a draft changes", () => {
    const saved = defaultSettings();
    const draft = structuredClone(saved);
    expect(changedSections(saved, tidy(draft)).size).toBe(0);
    draft.review_time = "16:00";
    draft.file_delivered_after_hours = null;
    expect([...changedSections(saved, tidy(draft))].sort()).toEqual(["delivery", "hours"]);
  });

  it("lists sections in the order given, in words", () => {
    expect(ids(sectionsOf(["retention_days", "work_hours.tue", "rules[0]"]))).toEqual(["hours", "rules", "retention"]);
    expect(listOf(sectionsOf(["work_hours.tue"]))).toBe("Work hours");
    expect(listOf(sectionsOf(["work_hours.tue", "delivery"]))).toBe("Work hours and Delivery");
    expect(listOf(sectionsOf(["hooks[0]", "work_hours.tue", "delivery"]))).toBe("Work hours, Delivery and Hooks");
    expect(listOf([])).toBe("");
  });
});
