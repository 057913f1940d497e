/**
 * The clock behind the countdown: calls back each time the displayed second changes, until the
 * deadline.
 *
 * Timers are aligned to the deadline rather than fired every 1000 ms, so the countdown never skips
 * or repeats a second. While the document is hidden (the window closed to the tray) nothing runs:
 * a hidden web view must not burn CPU. Every tick reads the wall clock afresh, so a timer that
 * fires late after a suspend still shows the right time.
 */

import { msUntilNextSecond } from "./time";

/** Fire a little after the second flips, never a little before it. */
const SLACK_MS = 15;

export function tickUntil(deadlineMs: number, onTick: (nowMs: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = (): void => {
    timer = undefined;
    const now = Date.now();
    onTick(now);
    if (now < deadlineMs && !document.hidden) {
      timer = setTimeout(tick, msUntilNextSecond(deadlineMs, now) + SLACK_MS);
    }
  };

  const onVisibilityChange = (): void => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = undefined;
    } else if (timer === undefined) {
      tick();
    }
  };

  document.addEventListener("visibilitychange", onVisibilityChange);
  tick();
  return () => {
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}
