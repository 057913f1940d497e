import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tickUntil } from "./ticker";
import { remainingSecs } from "./time";

describe("tickUntil", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("ticks once per displayed second and stops at the deadline", () => {
    const deadline = Date.now() + 2500;
    const shown: number[] = [];
    const stop = tickUntil(deadline, (now) => shown.push(remainingSecs(deadline, now)));

    vi.advanceTimersByTime(10_000);
    stop();

    expect(shown, "each second shown exactly once").toEqual([3, 2, 1, 0]);
    expect(vi.getTimerCount(), "no timer left running").toBe(0);
  });

  it("stops ticking when stopped", () => {
    const onTick = vi.fn();
    const stop = tickUntil(Date.now() + 60_000, onTick);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(onTick).toHaveBeenCalledTimes(1);
  });

  it("rests while the window is hidden and catches up when it is shown", () => {
    const hidden = vi.spyOn(document, "hidden", "get");
    const deadline = Date.now() + 60_000;
    const onTick = vi.fn();
    const stop = tickUntil(deadline, onTick);

    hidden.mockReturnValue(true);
    document.dispatchEvent(new Event("visibilitychange"));
    vi.advanceTimersByTime(30_000);
    expect(onTick, "no ticks while hidden").toHaveBeenCalledTimes(1);

    hidden.mockReturnValue(false);
    document.dispatchEvent(new Event("visibilitychange"));
    expect(onTick, "one tick on showing").toHaveBeenCalledTimes(2);
    expect(onTick).toHaveBeenLastCalledWith(Date.now());

    stop();
    hidden.mockRestore();
  });
});
