import { describe, expect, it } from "vitest";
import { keyOf, message } from "../test-support/inbox";
import { isNewSince, rowSender, rowText, senderOf } from "./inbox-row";

describe("the sender a row shows", () => {
  it("is left out inside the group its heading names", () => {
    const m = message({ sender: "Alice" });
    expect(rowSender(keyOf(m), m)).toBeNull();
    expect(rowSender({ ...keyOf(m), thread: "release-42" }, m), "a thread's heading names the sender too").toBeNull();
  });

  it("is left out when the heading names the app the message came from", () => {
    const m = message({ sender: null, source_detail: "Slack", source: "desktop" });
    expect(rowSender(keyOf(m), m)).toBeNull();
    const bare = message({ sender: null, source_detail: null, source: "ntfy" });
    expect(rowSender(keyOf(bare), bare), "a heading that is only the source").toBeNull();
  });

  it("is shown in search results and in groups not named for it", () => {
    const m = message({ sender: "Alice" });
    expect(rowSender(null, m), "search results have no heading").toBe("Alice");
    expect(rowSender({ source: "api", who: "Bob", thread: "", by: "sender" }, m)).toBe("Alice");
    const threadOnly = message({ sender: null, source_detail: null, source: "ntfy", thread: "deploys" });
    expect(rowSender(keyOf(threadOnly), threadOnly), "a thread heading does not name the source").toBe("ntfy");
  });

  it("is shown under a source's heading unless the message names no one, and always when not grouped", () => {
    const m = message({ sender: "Alice", source: "api" });
    expect(rowSender(keyOf(m, "source"), m), "API names the source, not Alice").toBe("Alice");
    const bare = message({ sender: null, source_detail: null, source: "ntfy" });
    expect(rowSender(keyOf(bare, "source"), bare), "the heading says ntfy already").toBeNull();
    expect(rowSender(keyOf(m, "flat"), m)).toBe("Alice");
    expect(rowSender(keyOf(bare, "flat"), bare), "no heading to say where it came from").toBe("ntfy");
  });

  it("falls back from the sender to the app, then to the source", () => {
    expect(senderOf(message({ sender: "Alice", source_detail: "Slack" }))).toBe("Alice");
    expect(senderOf(message({ sender: null, source_detail: "Slack" }))).toBe("Slack");
    expect(senderOf(message({ sender: null, source_detail: null, source: "gotify" }))).toBe("gotify");
  });
});

describe("a row's text", () => {
  it("leads with the title and previews the body", () => {
    expect(rowText(message({ title: "Build failed", body: "step 3 of 7" }))).toEqual({
      title: "Build failed",
      preview: "step 3 of 7",
    });
  });

  it("leads with the body's first line when there is no title, and previews the rest", () => {
    expect(rowText(message({ title: null, body: "\n are you there?\nsecond line\nthird" }))).toEqual({
      title: "are you there?",
      preview: "second line third",
    });
    expect(rowText(message({ title: "  ", body: "only line" })), "a blank title is no title").toEqual({
      title: "only line",
      preview: "",
    });
  });

  it("never leaves the title empty", () => {
    expect(rowText(message({ title: null, body: "   " })).title).toBe("(no text)");
  });
});

describe("the new mark", () => {
  const since = Date.parse("2025-03-04T09:00:00Z");

  it("is on what was received after the last review, not at or before it", () => {
    expect(isNewSince(message({ received_at: "2025-03-04T09:00:01Z" }), since)).toBe(true);
    expect(isNewSince(message({ received_at: "2025-03-04T09:00:00Z" }), since), "at the instant").toBe(false);
    expect(isNewSince(message({ received_at: "2025-03-04T08:59:59Z" }), since)).toBe(false);
  });

  it("is on nothing before the first review or for a time it cannot read", () => {
    expect(isNewSince(message({ received_at: "2025-03-04T09:00:01Z" }), null)).toBe(false);
    expect(isNewSince(message({ received_at: "2025-03-04T09:00:01Z" }), Number.NaN)).toBe(false);
    expect(isNewSince(message({ received_at: "later" }), since)).toBe(false);
  });
});
