import { describe, expect, it } from "vitest";
import type { Digest } from "../bindings/Digest";
import type { MessageStory } from "../bindings/MessageStory";
import { message } from "../test-support/inbox";
import { block, NOW } from "../test-support/status";
import { atWhen, needsStory, senderFacts, stateLine, storyLine } from "./message-story";

/** An instant on NOW's day (Tuesday 4 March 2025), or `days` later, in the zone the tests run in. */
const at = (hours: number, minutes = 0, days = 0): string => new Date(2025, 2, 4 + days, hours, minutes).toISOString();

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    id: 7,
    at: at(9, 55),
    reason: "focus",
    count: 3,
    by_sender: [],
    by_source: [],
    text: "3 held",
    ...overrides,
  };
}

const story = (s: Partial<MessageStory>): MessageStory => ({ block: null, digest: null, ...s });

describe("the detail pane's story", () => {
  it("says which block held a message, when it ran, and which digest released it", () => {
    const held = message({ decision: "held", state: "released", block_id: 1, digest_id: 7 });
    const ran = block({ intent: "draft the Q3 report", started_at: at(9, 5), ended_at: at(9, 55) });
    expect(storyLine(held, story({ block: ran, digest: digest() }), NOW)).toBe(
      "Held during “draft the Q3 report” 09:05–09:55 · released in the 09:55 digest",
    );
  });

  it("names a block without an intent, and an earlier day's block by its day", () => {
    const held = message({ decision: "held", block_id: 1, digest_id: 7 });
    const yesterday = block({ intent: null, started_at: at(14, 5, -1), ended_at: at(14, 55, -1) });
    expect(storyLine(held, story({ block: yesterday, digest: digest({ at: at(14, 55, -1) }) }), NOW)).toBe(
      "Held during a focus block yesterday 14:05–14:55 · released in yesterday's 14:55 digest",
    );
    const weeksAgo = block({ intent: "  ", started_at: at(14, 5, -20), ended_at: at(14, 55, -20) });
    expect(storyLine(held, story({ block: weeksAgo, digest: null }), NOW), "the ladder's date keeps its clock").toBe(
      "Held during a focus block 12 Feb 14:05–14:55",
    );
  });

  it("says a message was held outside work hours and released when they began", () => {
    const night = message({ decision: "held", digest_id: 7 });
    expect(storyLine(night, story({ digest: digest({ reason: "quiet", at: at(9) }) }), NOW)).toBe(
      "Held outside work hours · released at 09:00",
    );
  });

  it("says a message was held while the user was away and came in the digest of the return", () => {
    const locked = message({ decision: "held", digest_id: 8 });
    expect(
      storyLine(locked, story({ digest: digest({ reason: "away", at: at(9, 30), away_secs: 1800 }) }), NOW),
    ).toMatch(/^Held while you were away · released in /);
  });

  it("says a message was held during a meeting and came in the digest at its end", () => {
    const meeting = message({ decision: "held", digest_id: 9 });
    expect(storyLine(meeting, story({ digest: digest({ reason: "meeting", at: at(15) }) }), NOW)).toMatch(
      /^Held during a meeting · released in /,
    );
  });

  it("says a message was held while presenting and came in the digest afterwards", () => {
    const shown = message({ decision: "held", digest_id: 10 });
    expect(storyLine(shown, story({ digest: digest({ reason: "presenting", at: at(11) }) }), NOW)).toMatch(
      /^Held while you were presenting · released in /,
    );
  });

  it("says a message held in a running block comes with that block's digest", () => {
    const running = block({ intent: "write", started_at: at(9, 45), ended_at: null });
    expect(storyLine(message({ decision: "held", state: "held", block_id: 1 }), story({ block: running }), NOW)).toBe(
      "Held during “write” since 09:45 · comes in the digest when the block ends",
    );
    expect(storyLine(message({ decision: "held", state: "held" }), null, NOW), "no block, no digest yet").toBe(
      "Held · comes in the next digest",
    );
  });

  it("says less, not something wrong, while the story is not there", () => {
    const held = message({ decision: "held", state: "released", block_id: 1, released_at: at(9, 55) });
    expect(storyLine(held, null, NOW)).toBe("Held during a focus block · released at 09:55");
  });

  it("says when a message was shown as a popup", () => {
    expect(storyLine(message({ decision: "delivered", delivered_at: at(10, 12) }), null, NOW)).toBe(
      "Shown as a popup at 10:12",
    );
    expect(storyLine(message({ decision: "delivered", delivered_at: at(10, 12, -1) }), null, NOW)).toBe(
      "Shown as a popup yesterday at 10:12",
    );
  });

  it("says what a breakthrough broke through, and its priority", () => {
    expect(storyLine(message({ decision: "broke_through", block_id: 1, priority: 5 }), null, NOW)).toBe(
      "Broke through your focus block (priority 5)",
    );
    expect(storyLine(message({ decision: "broke_through", priority: 4 }), null, NOW)).toBe(
      "Broke through quiet hours (priority 4)",
    );
  });

  it("asks the engine for a story only where it can add to the message", () => {
    expect(needsStory(message({ decision: "held", block_id: 1 }))).toBe(true);
    expect(needsStory(message({ decision: "held", digest_id: 3 }))).toBe(true);
    expect(needsStory(message({ decision: "held" }))).toBe(false);
    expect(needsStory(message({ decision: "delivered", block_id: 1 })), "a popup says it all").toBe(false);
  });

  it("puts the right words before a day or a time", () => {
    expect(atWhen(at(8, 30), NOW)).toBe("at 08:30");
    expect(atWhen(at(8, 30, -1), NOW)).toBe("yesterday at 08:30");
    expect(atWhen(at(8, 30, -3), NOW)).toBe("on Sat at 08:30");
    expect(atWhen(at(8, 30, -30), NOW)).toBe("on 2 Feb");
  });
});

describe("the detail pane's facts", () => {
  it("says where a message is now: snoozed until, done since, pinned and due or overdue", () => {
    expect(stateLine(message({ state: "snoozed", snoozed_until: at(9, 0, 1) }), NOW)).toBe(
      "Snoozed · back tomorrow 09:00",
    );
    expect(stateLine(message({ state: "done", done_at: at(9, 30) }), NOW)).toBe("Done at 09:30");
    expect(stateLine(message({ state: "released", pinned: true, pin_due: at(9) }), NOW)).toBe(
      "To triage · pinned, overdue since 09:00",
    );
    expect(stateLine(message({ state: "held", pinned: true, pin_due: null }), NOW)).toBe("Held, to triage · pinned");
  });

  it("says who sent it: the app of a desktop notification, the topic, the publish token", () => {
    const slack = message({ source: "desktop", source_detail: "Slack", sender: "Bob", via: null });
    expect(senderFacts(slack).map((f) => [f.term, f.value])).toEqual([
      ["From", "Bob"],
      ["Source", "Desktop notification"],
      ["App", "Slack"],
    ]);
    const ci = message({ source: "ntfy", source_detail: "alerts", sender: null, via: "CI" });
    expect(senderFacts(ci).map((f) => [f.term, f.value])).toEqual([
      ["From", "—"],
      ["Source", "ntfy"],
      ["Topic", "alerts"],
      ["Publish token", "CI"],
    ]);
  });
});
