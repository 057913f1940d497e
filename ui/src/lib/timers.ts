/**
 * `setTimeout` and `clearTimeout` as a value that a component or a class takes, so a test can hand
 * in its own and run the time forward by hand rather than wait.
 */

export type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

/** The browser's, looked up at each call (so Vitest's fake timers apply too). */
export const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
