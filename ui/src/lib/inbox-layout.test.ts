import { describe, expect, it } from "vitest";
import { HEADER_HEIGHT as H, Layout, ROW_HEIGHT as R, rowHeights } from "./inbox-layout";

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

  it("keeps a message clear of the heading that stays at the top", () => {
    // Row 3 (the group's third message) at the very top would sit under the sticky heading.
    expect(layout.scrollToReveal(3, H + 2 * R, H + 2 * R), "scroll up by one heading").toBe(2 * R);
    expect(layout.scrollToReveal(3, 2 * R, H + 2 * R), "just below it: already clear").toBeNull();
    expect(layout.scrollToReveal(4, H + 3 * R, H + 2 * R), "a heading itself needs nothing above it").toBeNull();
  });

  it("names the section whose heading has scrolled away, pushed up as the next one arrives", () => {
    expect(layout.stickyHeading(0), "at the top the real heading shows").toBeNull();
    expect(layout.stickyHeading(1)).toEqual({ section: 0, offset: 0 });
    expect(layout.stickyHeading(H + R), "deep in the first group").toEqual({ section: 0, offset: 0 });
    const secondHeading = H + 3 * R;
    expect(layout.stickyHeading(secondHeading - H), "the next heading just touches it").toEqual({
      section: 0,
      offset: 0,
    });
    expect(layout.stickyHeading(secondHeading - 10), "and pushes it up").toEqual({ section: 0, offset: -(H - 10) });
    expect(layout.stickyHeading(secondHeading), "the second heading at the top is its own").toBeNull();
    expect(layout.stickyHeading(secondHeading + 5)).toEqual({ section: 1, offset: 0 });
    expect(new Layout([]).stickyHeading(100), "nothing to name").toBeNull();
  });

  it("lets an empty section's heading stick only while it passes", () => {
    const gaps = new Layout([2, 0, 1]);
    expect(gaps.stickyHeading(H + 2 * R + 3), "inside the empty section's heading").toEqual({
      section: 1,
      offset: -3,
    });
    expect(gaps.stickyHeading(2 * H + 2 * R + 1)).toEqual({ section: 2, offset: 0 });
  });

  it("grows the heights with the root font, in whole pixels, and falls back to the base", () => {
    expect(rowHeights(16)).toEqual({ header: H, row: R });
    expect(rowHeights(20), "125%").toEqual({ header: 45, row: 75 });
    expect(rowHeights(24), "150%").toEqual({ header: 54, row: 90 });
    expect(rowHeights(18)).toEqual({ header: 41, row: 68 });
    expect(rowHeights(Number.NaN), "unknown").toEqual({ header: H, row: R });
    expect(rowHeights(0), "absurd").toEqual({ header: H, row: R });
  });

  it("lays the same sections out at other heights and converts positions between the two", () => {
    const big = layout.withHeights(45, 75);
    expect(layout.withHeights(H, R), "the same heights: the same layout").toBe(layout);
    expect(big.rows).toBe(layout.rows);
    expect(big.height).toBe(2 * 45 + 5 * 75);
    for (let row = 0; row < layout.rows; row++) {
      expect(big.convert(big.top(row), layout), `row ${row}'s top`).toBe(layout.top(row));
      expect(layout.convert(layout.top(row), big), `and back`).toBe(big.top(row));
    }
    expect(big.convert(45 + 75 / 2, layout), "halfway down a row is halfway down it").toBe(H + R / 2);
    expect(big.convert(big.height + 100, layout), "past the end, pixel for pixel").toBe(layout.height + 100);
    expect(layout.convert(123, layout)).toBe(123);
  });

  it("places sections without a heading under the last heading before them", () => {
    // A heading and 2; then a heading over 1 and a headless 2 (as "Others" is); then a headless empty one.
    const folded = new Layout([2, 1, 2, 0], [true, true, false, false]);
    expect(folded.rows, "two heading rows, five messages").toBe(7);
    expect(folded.height).toBe(2 * H + 5 * R);
    expect(folded.placeOfRow(5), "the headless section starts right after the one above").toEqual({
      section: 2,
      item: 0,
    });
    expect(folded.rowOfOrdinal(3)).toBe(5);
    expect(folded.top(5)).toBe(2 * H + 3 * R);
    expect(folded.rowAt(2 * H + 4 * R + 1), "the last message").toBe(6);
    expect(folded.headOf(2), "under the second heading").toBe(1);
    for (let row = 0; row < folded.rows; row++) {
      expect(folded.rowAt(folded.top(row)), `row ${row}'s top is in row ${row}`).toBe(row);
    }
  });

  it("keeps the heading over headless sections at the top while any of them scrolls under it", () => {
    const folded = new Layout([2, 1, 2], [true, true, false]);
    const others = H + 2 * R;
    expect(folded.stickyHeading(others + H + 2 * R), "deep in the headless section").toEqual({
      section: 1,
      offset: 0,
    });
    expect(folded.stickyHeading(others - 10), "the first group's, pushed up by it").toEqual({
      section: 0,
      offset: -(H - 10),
    });
    // Row 6, the headless section's second message, at the very top would sit under the heading.
    expect(folded.scrollToReveal(6, others + H + 2 * R, 2 * R), "a message clears the heading above it").toBe(
      others + 2 * R,
    );
  });

  it("has no heading to keep on top when nothing has one, and nothing to clear", () => {
    const flat = new Layout([5], [false]);
    expect(flat.rows).toBe(5);
    expect(flat.placeOfRow(0)).toEqual({ section: 0, item: 0 });
    expect(flat.stickyHeading(2 * R)).toBeNull();
    expect(flat.scrollToReveal(1, 2 * R, 2 * R), "up to the row's own top").toBe(R);
    expect(flat.withHeights(45, 75).height, "and stays without at other heights").toBe(5 * 75);
  });

  it("is empty with no sections", () => {
    const empty = new Layout([]);
    expect(empty.rows).toBe(0);
    expect(empty.window(0, 500)).toEqual({ start: 0, end: 0 });
  });
});
