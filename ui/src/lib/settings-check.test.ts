import { describe, expect, it } from "vitest";
import { defaultSettings, publishToken } from "../test-support/settings";
import { check, fingerprint, parseTime, tidy } from "./settings-check";
import { messageId, placeField } from "./settings-fields";
import { examples, MASK, PLACEHOLDER } from "./settings-sources";
import { formField, newToken, parseTopics, tokenScope } from "./settings-tokens";

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

  it("takes 1 to 168 hours before a seen popup is filed, or none", () => {
    expect(check(defaultSettings({ file_delivered_after_hours: 1 })).size).toBe(0);
    expect(check(defaultSettings({ file_delivered_after_hours: 168 })).size).toBe(0);
    expect(check(defaultSettings({ file_delivered_after_hours: null })).size, "off").toBe(0);
    for (const bad of [0, 169, 2.5]) {
      expect(
        check(defaultSettings({ file_delivered_after_hours: bad })).get("file_delivered_after_hours"),
        `${bad}`,
      ).toBe("File seen popups after 1 to 168 hours, or turn it off.");
    }
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

  it("write every time as a time field reads it, and leave what it cannot read for check to point at", () => {
    const draft = defaultSettings({
      review_time: "1630",
      delivery: { mode: "batched", every_minutes: null, at: ["12", " 9:75 "] },
    });
    draft.work_hours.week.monday = [{ start: "9", end: "24" }];
    const block = draft.schedule[0];
    if (block) block.start = "9.15";
    const tidied = tidy(draft);
    expect(tidied.work_hours.week.monday).toEqual([{ start: "09:00", end: "24:00" }]);
    expect(tidied.review_time).toBe("16:30");
    expect(tidied.schedule[0]?.start).toBe("09:15");
    expect(tidied.delivery).toEqual({ mode: "batched", every_minutes: null, at: ["12:00", "9:75"] });
    expect([...check(tidied).keys()], "only the unreadable batch time").toEqual(["delivery"]);
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
  const made = (secret: string, topics: string[] = []) => ({ token: publishToken({ topics }), secret });

  it("hold a placeholder, shown and copied alike, until a publish token is made", () => {
    for (const example of examples("http://127.0.0.1:8737", null, true)) {
      expect(example.text, example.id).toContain(PLACEHOLDER);
      expect(example.shown, example.id).toBe(example.text);
      expect(example.note, example.id).toBeNull();
    }
    const [, , gotify] = examples("http://127.0.0.1:8737", null, false);
    expect(gotify?.text, "the placeholder is not URL-encoded").toContain(`?token=${PLACEHOLDER}"`);
  });

  it("mask the secret where they are shown but copy the real one", () => {
    const [api, ntfy, gotify] = examples("http://127.0.0.1:8737/", made("s3cr3t"), false);
    expect(api?.text).toContain("Authorization: Bearer s3cr3t");
    expect(api?.shown).toContain(`Authorization: Bearer ${MASK}`);
    expect(api?.shown).not.toContain("s3cr3t");
    expect(ntfy?.text).toContain("http://127.0.0.1:8737/mytopic");
    expect(gotify?.text).toContain('"http://127.0.0.1:8737/message?token=s3cr3t"');
    expect(gotify?.shown).toContain(`?token=${MASK}"`);
  });

  it("quote a secret with a quote in it so the shell reads it whole, and encode it in a URL", () => {
    const [api, , gotify] = examples("http://127.0.0.1:8737", made("it's&x"), true);
    expect(api?.text).toContain(`-H 'Authorization: Bearer it'\\''s&x'`);
    expect(gotify?.text).toContain(`?token=it's%26x"`);
  });

  it("send a topic-narrowed token's ntfy example to one of its topics, and say the others refuse it", () => {
    const [api, ntfy, gotify] = examples("http://127.0.0.1:8737", made("s3cr3t", ["ci-*", "builds"]), false);
    expect(ntfy?.text).toContain("http://127.0.0.1:8737/builds");
    expect(ntfy?.note).toBeNull();
    expect(api?.note).toBe("Refused for this token: it may only publish to its ntfy topics.");
    expect(gotify?.note).toBe(api?.note);
  });

  it("say which topic to use when a token's patterns name none in particular", () => {
    const [, ntfy] = examples("http://127.0.0.1:8737", made("s3cr3t", ["ci-*", "*-nightly"]), false);
    expect(ntfy?.text).toContain("/mytopic");
    expect(ntfy?.note).toBe("Use a topic that matches ci-* or *-nightly.");
  });
});

describe("the new-token form's input", () => {
  it("reads topics separated by commas, spaces or both", () => {
    expect(parseTopics(" ci-*, backups  nas,,")).toEqual(["ci-*", "backups", "nas"]);
    expect(parseTopics("  ")).toEqual([]);
  });

  it("becomes the engine's request, with no cap for any priority", () => {
    expect(newToken("  CI ", "", "")).toEqual({ name: "CI", topics: [], max_priority: null });
    expect(newToken("CI", "ci-*", "3")).toEqual({ name: "CI", topics: ["ci-*"], max_priority: 3 });
  });

  it("takes each refusal to the input it is about", () => {
    expect(formField("name")).toBe("name");
    expect(formField("topics")).toBe("topics");
    expect(formField("topics[3]")).toBe("topics");
    expect(formField("max_priority")).toBe("max_priority");
    expect(formField(undefined)).toBe("form");
    expect(formField("something_new")).toBe("form");
  });

  it("says what a token may do in a few words", () => {
    expect(tokenScope(publishToken())).toEqual(["any topic"]);
    expect(tokenScope(publishToken({ topics: ["ci-*", "nas"], max_priority: 2 }))).toEqual([
      "topics ci-*, nas",
      "priority ≤ 2",
    ]);
  });
});
