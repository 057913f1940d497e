import { describe, expect, it } from "vitest";
import { isView, viewOfHash } from "./view";

describe("the view a URL names", () => {
  it.each([
    ["#inbox", "inbox"],
    ["#/stats", "stats"],
    ["#Settings", "settings"],
    ["#focus", "focus"],
    ["", "focus"],
    ["#nowhere", "focus"],
  ])("%j shows %s", (hash, view) => {
    expect(viewOfHash(hash)).toBe(view);
  });

  it("trusts only the four views from an event", () => {
    expect(isView("inbox")).toBe(true);
    expect(isView("javascript:alert(1)")).toBe(false);
    expect(isView(null)).toBe(false);
  });
});
