/**
 * Undo for triage: each action is remembered with what it takes to reverse it.
 *
 * The inverse is computed from what the action replaced, not guessed after: pinning a message that
 * was already pinned with a due date must give that due date back, not unpin it. The engine's pin
 * and unpin answer each message's pin as they found it (read in their own transaction), so the
 * undo is right even when the window's copy was out of date. A bulk `done_all` is reversed by the
 * ids the engine answered, which may be many more than the window ever loaded. The stack is the
 * window's memory only; it goes when the window closes.
 */

import type { PinState } from "../bindings/PinState";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import { t } from "./i18n";

export type Triage =
  | { kind: "done"; ids: number[] }
  /** `done_all`: `ids` as the engine answered; `scope` says which ("from CI", "older than today"). */
  | { kind: "done_all"; ids: number[]; scope: string }
  /** Back to the inbox from done. */
  | { kind: "undone"; ids: number[] }
  /** Back now from a snooze; `was`: each message's snooze as the window knew it, to put back. */
  | { kind: "unsnooze"; ids: number[]; was: ReadonlyArray<{ id: number; until: string | null }> }
  | { kind: "snooze"; ids: number[]; until: SnoozeUntil }
  | { kind: "pin"; ids: number[]; due: string | null }
  | { kind: "unpin"; ids: number[] };

/** One engine call that reverses (part of) an action. */
export type Reversal =
  | { command: "undone"; ids: number[] }
  | { command: "done"; ids: number[] }
  | { command: "snooze"; ids: number[]; at: string }
  | { command: "unsnooze"; ids: number[] }
  | { command: "unpin"; ids: number[] }
  | { command: "pin"; ids: number[]; due: string | null };

export type UndoEntry = { label: string; reversals: Reversal[] };

/**
 * How to reverse `action`. `before`: for a pin or an unpin, the engine's answer (each message's pin
 * as the command found it); done and snooze are reversed by their ids alone.
 */
export function reversalOf(action: Triage, before: readonly PinState[]): Reversal[] {
  switch (action.kind) {
    case "done":
    case "done_all":
      return [{ command: "undone", ids: action.ids }];
    case "undone":
      return [{ command: "done", ids: action.ids }];
    case "snooze":
      return [{ command: "unsnooze", ids: action.ids }];
    case "unsnooze": {
      // Each goes back to its own instant, one call per instant; one whose snooze the window did not
      // know stays in the inbox.
      const acted = new Set(action.ids);
      const byUntil = new Map<string, number[]>();
      for (const { id, until } of action.was) {
        if (until === null || !acted.has(id)) continue;
        byUntil.set(until, [...(byUntil.get(until) ?? []), id]);
      }
      return [...byUntil].map(([at, ids]) => ({ command: "snooze", ids, at }));
    }
    case "pin":
    case "unpin": {
      const was = new Map(before.map((m) => [m.id, m]));
      const unpinned = action.ids.filter((id) => was.get(id)?.pinned !== true);
      const reversals: Reversal[] = [];
      if (unpinned.length > 0 && action.kind === "pin") reversals.push({ command: "unpin", ids: unpinned });
      // Messages that were pinned go back to their own due date, grouped so each date is one call.
      const byDue = new Map<string | null, number[]>();
      for (const id of action.ids) {
        const m = was.get(id);
        if (m?.pinned !== true) continue;
        const ids = byDue.get(m.pin_due) ?? [];
        ids.push(id);
        byDue.set(m.pin_due, ids);
      }
      for (const [due, ids] of byDue) reversals.push({ command: "pin", ids, due });
      return reversals;
    }
  }
}

/** "Marked 3 done", for the status line and the undo button's label. */
export function describe(action: Triage): string {
  const count = action.ids.length;
  switch (action.kind) {
    case "done":
      return t("inbox.undo.done", { count });
    case "done_all":
      return t("inbox.undo.doneAll", { count, scope: action.scope });
    case "undone":
      return t("inbox.undo.undone", { count });
    case "unsnooze":
      return t("inbox.undo.unsnooze", { count });
    case "snooze":
      return t("inbox.undo.snooze", { count });
    case "pin":
      return t(action.due === null ? "inbox.undo.pin" : "inbox.undo.pinDue", { count });
    case "unpin":
      return t("inbox.undo.unpin", { count });
  }
}

/** Last in, first out, bounded so a long session does not grow without end. */
export class UndoStack {
  readonly #entries: UndoEntry[] = [];
  constructor(readonly limit = 50) {}

  push(entry: UndoEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.shift();
  }

  pop(): UndoEntry | undefined {
    return this.#entries.pop();
  }

  peek(): UndoEntry | undefined {
    return this.#entries.at(-1);
  }

  get size(): number {
    return this.#entries.length;
  }
}
