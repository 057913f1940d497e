/**
 * The whole window under test (App.svelte): a fixed clock and a clean slate around each test
 * (`useWindowTest`), the window opened on a tab, a stand-in engine that records every command, and
 * the window's own source files as on disk, for what jsdom cannot show (styles, layout).
 */

import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, render } from "@testing-library/svelte";
import { afterEach, beforeEach, vi } from "vitest";
import { readFileSync } from "node:fs";
import App from "../App.svelte";
import type { Status } from "../bindings/Status";
import { NOW } from "./status";

/** For the file that calls it: the clock at `NOW` (Date only) and, after each test, nothing left behind. */
export function useWindowTest(): void {
  beforeEach(() => {
    // Only the clock is fixed; real timers keep the testing library's waiting working.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  });
  afterEach(() => {
    history.replaceState(null, "", "#");
    cleanup();
    clearMocks();
    vi.useRealTimers();
  });
}

/** Renders the window on `view`'s tab, as its address (`#inbox`) opens it. */
export function openWindow(view: string): void {
  history.replaceState(null, "", `#${view}`);
  render(App);
}

export type Call = { cmd: string; args: unknown };

/**
 * A stand-in engine: answers `status` with `state.status`, records every command, and lets a
 * test replace any command's answer. Events are mocked too, so `emit` reaches the window.
 */
export function fakeEngine(
  initial: Status,
  answers: Record<string, (args: unknown) => unknown> = {},
): { status: Status; calls: Call[] } {
  const state = { status: initial, calls: [] as Call[] };
  mockIPC(
    (cmd, args) => {
      state.calls.push({ cmd, args });
      const answer = answers[cmd];
      if (answer) return answer(args);
      if (cmd === "status") return state.status;
      // Tauri rejects an unknown command with a bare string.
      throw `command ${cmd} not found`;
    },
    { shouldMockEvents: true },
  );
  return state;
}

/** A file of the window's source (`"app.css"`, `"App.svelte"`), as on disk: Vitest hands CSS imports over empty. */
export function sourceFile(path: string): string {
  const here = decodeURI(import.meta.url.replace(/^file:\/\//, ""));
  const src = here.slice(0, here.lastIndexOf("/test-support/"));
  return readFileSync(`${src}/${path}`, "utf8");
}
