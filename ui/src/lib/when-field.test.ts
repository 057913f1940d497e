import { describe, expect, it, vi } from "vitest";
import { manualTimers } from "../test-support/timers";
import { PREVIEW_DELAY_MS, WhenField } from "./when-field.svelte";

const FRIDAY = "2025-03-07T09:00:00.000Z";

/** A parse_when whose answers the test gives, one ask at a time. */
function engine(): {
  parse: (text: string) => Promise<string>;
  asked: string[];
  answer: (at: string) => void;
  refuse: (body: unknown) => void;
} {
  const waiting: { resolve: (at: string) => void; reject: (e: unknown) => void }[] = [];
  const asked: string[] = [];
  return {
    parse: (text) => {
      asked.push(text);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    asked,
    answer: (at) => waiting.shift()?.resolve(at),
    refuse: (body) => waiting.shift()?.reject(body),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("a typed time", () => {
  it("is read by the engine once the typing pauses, not at every key", async () => {
    const timers = manualTimers();
    const parser = engine();
    const field = new WhenField(parser.parse, timers);

    field.input("f");
    field.input("fr");
    field.input("fri");
    timers.advance(PREVIEW_DELAY_MS - 1);
    expect(parser.asked, "still typing").toEqual([]);
    expect(field.pending).toBe(true);

    timers.advance(1);
    expect(parser.asked, "one ask, for the text as it is now").toEqual(["fri"]);
    parser.answer(FRIDAY);
    await settle();
    expect(field.reading).toEqual({ kind: "at", at: FRIDAY });
    expect(field.pending).toBe(false);
  });

  it("says why in the engine's words when it cannot read the text", async () => {
    const timers = manualTimers();
    const parser = engine();
    const field = new WhenField(parser.parse, timers);

    field.input("someday");
    timers.advance(PREVIEW_DELAY_MS);
    parser.refuse({ code: "invalid_time", message: 'Lull can\'t read "someday" as a time.' });
    await settle();
    expect(field.reading).toEqual({ kind: "invalid", message: 'Lull can\'t read "someday" as a time.' });

    field.input("2h");
    timers.advance(PREVIEW_DELAY_MS);
    parser.refuse("command parse_when not found");
    await settle();
    expect(field.reading, "an engine that does not answer is not the user's typo").toEqual({
      kind: "invalid",
      message: "Lull could not read the time: command parse_when not found",
    });
  });

  it("keeps only the answer for the latest text, whatever order the answers come in", async () => {
    const timers = manualTimers();
    const waiting = new Map<string, (at: string) => void>();
    const field = new WhenField((text) => new Promise((resolve) => waiting.set(text, resolve)), timers);

    field.input("mon");
    timers.advance(PREVIEW_DELAY_MS);
    field.input("mon 9");
    timers.advance(PREVIEW_DELAY_MS);
    waiting.get("mon 9")?.("2025-03-10T09:00:00.000Z");
    await settle();
    waiting.get("mon")?.("2025-03-10T00:00:00.000Z");
    await settle();

    expect(field.reading).toEqual({ kind: "at", at: "2025-03-10T09:00:00.000Z" });
  });

  it("is read at once on Enter, without waiting for the pause", async () => {
    const timers = manualTimers();
    const parse = vi.fn((text: string) => Promise.resolve(text === "2h" ? FRIDAY : ""));
    const field = new WhenField(parse, timers);

    field.input("2h");
    await expect(field.resolve()).resolves.toBe(FRIDAY);
    expect(parse).toHaveBeenCalledOnce();
    expect(timers.waiting(), "the pending ask is dropped, not made twice").toBe(0);
  });

  it("resolves to nothing when nothing is typed, or the engine cannot read it", async () => {
    // What `invoke` rejects with: the engine's error body, not an `Error`.
    const field = new WhenField(async () => {
      await Promise.resolve();
      throw { code: "invalid_time", message: "Not in the future." };
    });
    await expect(field.resolve()).resolves.toBeNull();
    field.input("yesterday");
    await expect(field.resolve()).resolves.toBeNull();
    expect(field.reading).toEqual({ kind: "invalid", message: "Not in the future." });
    field.dispose();
  });

  it("forgets its reading when the text is emptied, and any answer still on its way", async () => {
    const timers = manualTimers();
    const parser = engine();
    const field = new WhenField(parser.parse, timers);

    field.input("fri");
    timers.advance(PREVIEW_DELAY_MS);
    field.clear();
    parser.answer(FRIDAY);
    await settle();

    expect(field.text).toBe("");
    expect(field.reading).toEqual({ kind: "empty" });
    expect(field.pending).toBe(false);
  });
});
