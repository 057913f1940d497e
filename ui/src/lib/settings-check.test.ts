import { describe, expect, it } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { check, fingerprint, parseTime, tidy } from "./settings-check";
import { messageId, placeField } from "./settings-fields";
import { examples, MASK } from "./settings-sources";

const lengths = { rules: 2, schedule: 1, hooks: 0 };

describe("parseTime", () => {
  it("reads HH:MM, and 24:00 only as the end of a window", () => {
    expect(parseTime("09:30")).toBe(570);
    expect(parseTime("24:00")).toBeNull();
    expect(parseTime("24:00", true)).toBe(1440);
    for (const bad of ["9:30", "09:60", "25:00", "0930", ""]) expect(parseTime(bad), bad).toBeNull();
  });
});

describe("check", () => {
  it("finds nothing wrong with the engine's defaults", () => {
    expect(check(defaultSettings())).toEqual(new Map());
  });

  it("names problems with the core's field names", () => {
    const settings = defaultSettings({
      rules: [
        {
          source: null,
          sender: null,
          app: null,
          min_priority: null,
          keyword: null,
          tag: null,
          focus: true,
          quiet: false,
        },
      ],
      schedule: [{ id: 1, days: [], start: "10:00", end: "09:00", intent: null }],
      retention_days: 0,
      review_time: "5pm",
    });
    settings.work_hours.week.tuesday = [{ start: "13:00", end: "12:00" }];
    const problems = check(settings);
    expect([...problems.keys()]).toEqual([
      "work_hours.tue",
      "rules[0]",
      "schedule[0]",
      "review_time",
      "retention_days",
    ]);
    expect(problems.get("work_hours.tue")).toBe("Tuesday: the window 13:00–12:00 ends before it starts.");
    expect(problems.get("schedule[0]"), "the first problem of a field wins").toBe("Choose at least one day.");
  });
});

describe("tidy and fingerprint", () => {
  it("treat blank text as none, so an emptied field is not a change", () => {
    const settings = defaultSettings();
    const edited = structuredClone(settings);
    const rule = edited.rules[0];
    if (rule) rule.sender = "   ";
    edited.shortcut = "";
    expect(tidy(edited).rules[0]?.sender).toBeNull();
    expect(tidy(edited).shortcut).toBeNull();
    expect(fingerprint(tidy(edited))).toBe(fingerprint({ ...settings, shortcut: null }));
  });

  it("ignore the order of keys", () => {
    const settings = defaultSettings();
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as typeof settings;
    expect(fingerprint(reordered)).toBe(fingerprint(settings));
  });
});

describe("placeField", () => {
  it("keeps fields the form shows, and sends the rest to the top", () => {
    expect(placeField("work_hours.mon", lengths)).toBe("work_hours.mon");
    expect(placeField("rules[1]", lengths)).toBe("rules[1]");
    expect(placeField("rules[2]", lengths), "a rule the form no longer has").toBeNull();
    expect(placeField("hooks[0]", lengths)).toBeNull();
    expect(placeField("something_new", lengths)).toBeNull();
    expect(placeField(undefined, lengths)).toBeNull();
  });

  it("gives every field an id usable in aria-describedby", () => {
    expect(messageId("rules[2]")).toBe("settings-error-rules-2-");
    expect(messageId("work_hours.mon")).toBe("settings-error-work-hours-mon");
  });
});

describe("examples", () => {
  it("mask the token where they are shown but copy the real one", () => {
    const [api, ntfy, gotify] = examples("http://127.0.0.1:8737/", "s3cr3t", false);
    expect(api?.text).toContain("Authorization: Bearer s3cr3t");
    expect(api?.shown).toContain(`Authorization: Bearer ${MASK}`);
    expect(api?.shown).not.toContain("s3cr3t");
    expect(ntfy?.text).toContain("http://127.0.0.1:8737/mytopic");
    expect(gotify?.text).toContain('"http://127.0.0.1:8737/message?token=s3cr3t"');
    expect(gotify?.shown).toContain(`?token=${MASK}"`);
  });

  it("quote a token with a quote in it so the shell reads it whole", () => {
    const [api] = examples("http://127.0.0.1:8737", "it's", true);
    expect(api?.text).toContain(`-H 'Authorization: Bearer it'\\''s'`);
  });
});
