/**
 * Whether the window may leave what is on screen: switch tabs, or close.
 *
 * A view with unsaved work (Settings' draft) holds the guard while it is shown; the window asks
 * it before it switches views or closes. The one thing to know: when nothing would be lost the
 * answer is null, not a promise, so the window switches at once, in the same turn, exactly as
 * it did before any guard existed. Only a real question waits for the user.
 */

export type LeaveGuard = {
  /** Whether leaving now would lose something. */
  holds: () => boolean;
  /** Asks the user; resolves to whether to leave. Called only while `holds()`. */
  ask: () => Promise<boolean>;
};

let current: LeaveGuard | null = null;

/** Holds the guard until the returned function is called (when the view goes away). */
export function guardLeaving(guard: LeaveGuard): () => void {
  current = guard;
  return () => {
    if (current === guard) current = null;
  };
}

/** Null when the window may leave at once; else the user's answer, true to leave. */
export function askBeforeLeaving(): Promise<boolean> | null {
  return current !== null && current.holds() ? current.ask() : null;
}
