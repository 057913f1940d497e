import { afterEach, describe, expect, it } from "vitest";
import { askBeforeLeaving, guardLeaving } from "./leave-guard";

let release: (() => void) | null = null;

afterEach(() => {
  release?.();
  release = null;
});

describe("the leave guard", () => {
  it("lets the window leave at once when nobody holds it", () => {
    expect(askBeforeLeaving()).toBeNull();
  });

  it("lets the window leave at once while its holder has nothing to lose", () => {
    let asked = 0;
    release = guardLeaving({
      holds: () => false,
      ask: () => {
        asked += 1;
        return Promise.resolve(false);
      },
    });
    expect(askBeforeLeaving()).toBeNull();
    expect(asked, "no question asked").toBe(0);
  });

  it("asks its holder while it has something to lose, and passes the answer on", async () => {
    let answer = false;
    release = guardLeaving({ holds: () => true, ask: () => Promise.resolve(answer) });
    await expect(askBeforeLeaving()).resolves.toBe(false);
    answer = true;
    await expect(askBeforeLeaving()).resolves.toBe(true);
  });

  it("is let go by its holder only: an old holder's release leaves a new one in place", () => {
    const first = guardLeaving({ holds: () => true, ask: () => Promise.resolve(false) });
    release = guardLeaving({ holds: () => true, ask: () => Promise.resolve(false) });
    first();
    expect(askBeforeLeaving(), "the second holder still asks").not.toBeNull();
    release();
    release = null;
    expect(askBeforeLeaving()).toBeNull();
  });
});
