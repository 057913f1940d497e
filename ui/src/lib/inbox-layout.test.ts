import { describe, expect, it } from "vitest";
import { HEADER_HEIGHT as H, Layout, ROW_HEIGHT as R } from "./inbox-layout";

describe("the inbox layout", () => {
  // Two groups: a heading and 3 messages, then a heading and 2.
  const layout = new Layout([3, 2]);

  it("counts a heading row per section and a row per message", () => {
    expect(layout.rows).toBe(7);
    expect(layout.messages).toBe(5);
    expect(layout.height).toBe(2 * H + 5 * R);
  });

  it("places rows and ordinals in their sections", () => {
    expect(layout.placeOfRow(0)).toEqual({ section: 0, item: -1 });
    expect(layout.placeOfRow(3)).toEqual({ section: 0, item: 2 });
    expect(layout.placeOfRow(4)).toEqual({ section: 1, item: -1 });
    expect(layout.placeOfRow(6)).toEqual({ section: 1, item: 1 });
    expect(layout.placeOfOrdinal(3)).toEqual({ section: 1, item: 0 });
    expect(layout.rowOfOrdinal(3), "the fourth message sits under the second heading").toBe(5);
    expect(layout.ordinalOf({ section: 1, item: 1 })).toBe(4);
  });

  it("turns rows into pixel offsets and back", () => {
    expect(layout.top(0)).toBe(0);
    expect(layout.top(1)).toBe(H);
    expect(layout.top(4)).toBe(H + 3 * R);
    expect(layout.top(5)).toBe(2 * H + 3 * R);
    for (let row = 0; row < layout.rows; row++) {
      expect(layout.rowAt(layout.top(row)), `row ${row}'s top is in row ${row}`).toBe(row);
      expect(layout.rowAt(layout.top(row) + layout.heightOf(row) - 1), `and so is its last pixel`).toBe(row);
    }
    expect(layout.rowAt(-50), "above the list clamps to the first row").toBe(0);
    expect(layout.rowAt(1e9), "below it to the last").toBe(6);
  });

  it("puts only the rows in view, and the overscan, into the window", () => {
    const big = new Layout([10_000]);
    const window = big.window(R * 5000, R * 10, R * 2);
    expect(window.start).toBe(big.rowAt(R * 4998));
    expect(window.end - window.start, "about 14 rows of 10,001").toBeLessThanOrEqual(15);
    expect(big.window(0, 600, 0)).toEqual({ start: 0, end: big.rowAt(600) + 1 });
  });

  it("windows 10,000 messages in many groups without walking them", () => {
    const counts = Array.from({ length: 2000 }, (_, i) => 1 + (i % 9));
    const many = new Layout(counts);
    const started = performance.now();
    for (let y = 0; y < many.height; y += 997) many.window(y, 700);
    expect(performance.now() - started, "hundreds of windows in well under a frame each").toBeLessThan(100);
    expect(many.messages).toBe(counts.reduce((a, b) => a + b, 0));
  });

  it("scrolls as little as needed to reveal a row, keeping a group's heading with its first message", () => {
    const viewport = H + 2 * R;
    expect(layout.scrollToReveal(1, H, viewport), "first message of group 1: show its heading too").toBe(0);
    expect(layout.scrollToReveal(2, 0, viewport), "already visible").toBeNull();
    expect(layout.scrollToReveal(3, 0, viewport), "below: scroll until its bottom shows").toBe(H + 3 * R - viewport);
  });

  it("is empty with no sections", () => {
    const empty = new Layout([]);
    expect(empty.rows).toBe(0);
    expect(empty.window(0, 500)).toEqual({ start: 0, end: 0 });
  });
});
