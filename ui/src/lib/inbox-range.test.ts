import { describe, expect, it } from "vitest";
import { MAX_BULK } from "../bindings/limits";
import type { Message } from "../bindings/Message";
import { message } from "../test-support/inbox";
import { rangeSelection } from "./inbox-range";

const loaded = (ids: number[]): ((ordinal: number) => Message | null) => {
  const messages = ids.map((id) => message({ id }));
  return (ordinal) => messages[ordinal] ?? null;
};

describe("a range selection", () => {
  it("holds what was selected before and every message between the two ends, either way round", () => {
    const at = loaded([10, 11, 12, 13, 14]);
    expect([...rangeSelection([99], 1, 3, at).ids]).toEqual([99, 11, 12, 13]);
    expect([...rangeSelection([], 3, 1, at).ids]).toEqual([11, 12, 13]);
    expect(rangeSelection([], 3, 1, at).complete).toBe(true);
  });

  it("says when some of the range is not loaded yet", () => {
    const at = (ordinal: number): Message | null => (ordinal < 2 ? message({ id: ordinal + 1 }) : null);
    const range = rangeSelection([], 0, 4, at);
    expect([...range.ids]).toEqual([1, 2]);
    expect(range.complete).toBe(false);
  });

  it("stops at what one triage call takes", () => {
    const at = (ordinal: number): Message => message({ id: ordinal + 1 });
    expect(rangeSelection([], 0, MAX_BULK + 500, at).ids.size).toBe(MAX_BULK);
  });
});
