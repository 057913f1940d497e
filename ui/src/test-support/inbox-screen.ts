/**
 * The Inbox view under test, as a user finds it on screen: the view rendered over a stand-in engine
 * (`fakeInbox`), its rows, cursor, selection and status line read as assistive technology reads
 * them, and keys pressed where the focus is. `useInboxTest` gives each test a fixed clock and a
 * clean slate.
 */

import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { Status } from "../bindings/Status";
import Inbox from "../views/Inbox.svelte";
import { supportDialogs } from "./dialog";
import type { FakeInbox } from "./inbox";
import { idleStatus, NOW } from "./status";

/** For the file that calls it: the clock at `NOW` (Date only) and, after each test, nothing left behind. */
export function useInboxTest(): void {
  beforeEach(() => {
    supportDialogs();
    // Only the clock is fixed; real timers keep the testing library's waiting working.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
    vi.useRealTimers();
  });
}

/** Shows the inbox over `engine` (set up before) and waits for its first rows, the focus on the list. */
export async function showInbox(engine: FakeInbox, status: Status = idleStatus()): Promise<void> {
  void engine;
  render(Inbox, { status, now: NOW });
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  await waitFor(() => expect(document.activeElement, "the list takes the focus once drawn").toBe(inboxList()));
}

/** Shows the inbox over `engine` and waits until it has loaded, rows or none. */
export async function showInboxLoaded(engine: FakeInbox): Promise<void> {
  void engine;
  render(Inbox, { status: idleStatus(), now: NOW });
  await waitFor(() => expect(screen.getByTestId("inbox-summary").textContent).not.toContain("Loading"));
}

/** An element's text as it reads: runs of white space as one space, trimmed. */
export const text = (element: Element | null | undefined): string =>
  element?.textContent?.replace(/\s+/g, " ").trim() ?? "";

export const inboxList = (): HTMLElement => screen.getByTestId("inbox-list");
export const rows = (): HTMLElement[] => screen.queryAllByTestId("message-row");
export const rowIds = (): number[] => rows().map((r) => Number(r.dataset["id"]));
export const selectedIds = (): number[] =>
  rows()
    .filter((r) => r.getAttribute("aria-selected") === "true")
    .map((r) => Number(r.dataset["id"]));
/** The id of the message under the cursor, as assistive technology sees it. */
export const cursorId = (): string | null => inboxList().getAttribute("aria-activedescendant");
/** The status line under the toolbar: the selection, what the last action did. */
export const notice = (): string => text(screen.getByTestId("inbox-notice"));

/** A key pressed where the focus is. */
export async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  await fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
}
