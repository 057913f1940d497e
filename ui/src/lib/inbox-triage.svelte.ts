/**
 * Triage as the inbox runs it: one action at a time, in the order the keys were pressed, each
 * remembered for undo, said in the status line and the undo toast, and followed by a refresh.
 *
 * An action acts on the targets as they are when it runs, not when it was asked for ("e e e" marks
 * three messages done, each once the list shows where the previous one left the cursor), or on the
 * one message the detail pane's button was for. Bulk actions never fetch what they act on: a whole
 * group or everything older than a day goes to the engine as `done_all`, which answers the ids it
 * marked, and those are what undo hands back, in calls of at most `MAX_BULK`.
 */

import type { DoneAll } from "../bindings/DoneAll";
import { MAX_BULK } from "../bindings/limits";
import type { Message } from "../bindings/Message";
import type { PinState } from "../bindings/PinState";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import { LOCALE, t } from "./i18n";
import { doneAll, markDone, markUndone, pin, snooze, unpin, unsnooze } from "./ipc";
import type { Section } from "./inbox-paging";
import { describe, reversalOf, UndoStack, type Reversal, type Triage } from "./inbox-undo";

/** What the undo toast says after an action; a new `id` for every action, so the toast starts anew. */
export type Toast = { id: number; message: string; undoable: boolean };

/** The list the actions are for. */
export type TriageHost = {
  /** The selection, or else the message under the cursor. */
  targets(): Message[];
  clearSelection(): void;
  /** Drops these from the selection, keeping the rest. */
  deselect(ids: readonly number[]): void;
  refresh(): Promise<void>;
  /** An engine call failed (`null`: a new action begins, the last failure is old news). */
  fail(error: unknown): void;
};

export class InboxTriage {
  /** True while an action runs or waits its turn. */
  busy = $state(false);
  /** What the last action did, for the status line. */
  notice = $state<string | null>(null);
  /** What `u` would undo, or `null` when nothing. */
  undoLabel = $state<string | null>(null);
  toast = $state.raw<Toast | null>(null);

  readonly #host: TriageHost;
  #undo = new UndoStack();
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #toasts = 0;

  constructor(host: TriageHost) {
    this.#host = host;
  }

  // Each acts on `only` when given (the detail pane's one message), or else on the targets.

  done(only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids) => ({ kind: "done", ids }),
      (a) => markDone(a.ids).then(noPins),
    );
  }

  snooze(until: SnoozeUntil, only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids) => ({ kind: "snooze", ids, until }),
      (a) => snooze(a.ids, until).then(noPins),
    );
  }

  pin(due: string | null, only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids) => ({ kind: "pin", ids, due }),
      (a) => pin(a.ids, due),
    );
  }

  unpin(only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids) => ({ kind: "unpin", ids }),
      (a) => unpin(a.ids),
    );
  }

  /** Back now from a snooze; undo snoozes each again until its old instant. */
  unsnooze(only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids, targets) => ({ kind: "unsnooze", ids, was: targets.map((m) => ({ id: m.id, until: m.snoozed_until })) }),
      (a) => unsnooze(a.ids).then(noPins),
    );
  }

  /** Done back to the inbox. */
  undone(only?: readonly Message[]): Promise<boolean> {
    return this.#triage(
      only,
      (ids) => ({ kind: "undone", ids }),
      (a) => markUndone(a.ids).then(noPins),
    );
  }

  /** Every message of `group` done (`E`), however few of them are loaded. */
  doneGroup(group: Section | null): Promise<boolean> {
    if (group?.key == null) return Promise.resolve(false);
    return this.#doneAll({ group: group.key }, t("inbox.triage.groupScope", { group: group.label }));
  }

  /** Every message of the inbox received before `before` (ISO 8601) done; `scope` words it. */
  doneBefore(before: string, scope: string): Promise<boolean> {
    return this.#doneAll({ before }, scope);
  }

  /** Reverses the last action; resolves to whether there was one and it was reversed. */
  undo(): Promise<boolean> {
    return this.#serially(async () => {
      const entry = this.#undo.pop();
      if (entry === undefined) {
        this.notice = t("inbox.triage.nothingToUndo");
        return false;
      }
      try {
        for (const reversal of entry.reversals) await reverse(reversal);
      } catch (error) {
        // Keep it: the user can try again once the cause is fixed.
        this.#undo.push(entry);
        this.#host.fail(error);
        return false;
      }
      // The label opens a sentence of its own; inside this one its first letter is lowercased.
      const action = `${entry.label.charAt(0).toLocaleLowerCase(LOCALE)}${entry.label.slice(1)}`;
      this.notice = t("inbox.triage.undone", { action });
      this.undoLabel = this.#undo.peek()?.label ?? null;
      this.#showToast(this.notice, false);
      await this.#host.refresh();
      return true;
    });
  }

  dismissToast(): void {
    this.toast = null;
  }

  /** Runs one action at a time, in the order they were asked for. */
  #serially(action: () => Promise<boolean>): Promise<boolean> {
    this.#pending += 1;
    this.busy = true;
    const run = this.#queue.then(async () => {
      this.#host.fail(null);
      return action();
    });
    this.#queue = run.finally(() => {
      this.#pending -= 1;
      this.busy = this.#pending > 0;
    });
    return run;
  }

  /**
   * Runs a triage command on `only`, or else on the targets as they are when it runs; `command`
   * resolves to the pins it replaced (none for the others).
   */
  #triage(
    only: readonly Message[] | undefined,
    make: (ids: number[], targets: readonly Message[]) => Triage,
    command: (action: Triage) => Promise<readonly PinState[]>,
  ): Promise<boolean> {
    return this.#serially(async () => {
      const targets = only ?? this.#host.targets();
      const ids = targets.map((m) => m.id);
      if (ids.length === 0) return false;
      const action = make(ids, targets);
      let before: readonly PinState[];
      try {
        before = await command(action);
      } catch (error) {
        this.#host.fail(error);
        return false;
      }
      await this.#acted(action, before, only === undefined);
      return true;
    });
  }

  #doneAll(request: DoneAll, scope: string): Promise<boolean> {
    return this.#serially(async () => {
      let ids: number[];
      try {
        ids = await doneAll(request);
      } catch (error) {
        this.#host.fail(error);
        return false;
      }
      if (ids.length === 0) {
        this.notice = t("inbox.triage.nothingScoped", { scope });
        this.#showToast(this.notice, false);
        return false;
      }
      await this.#acted({ kind: "done_all", ids, scope }, [], true);
      return true;
    });
  }

  /** After an action: remembered for undo, said in the status line and the toast, shown. */
  async #acted(action: Triage, before: readonly PinState[], clearSelection: boolean): Promise<void> {
    const label = describe(action);
    this.#undo.push({ label, reversals: reversalOf(action, before) });
    this.undoLabel = label;
    this.notice = label;
    this.#showToast(label, true);
    // The detail pane's buttons act on one message: the rest of a selection made meanwhile stays.
    if (clearSelection) this.#host.clearSelection();
    else this.#host.deselect(action.ids);
    // The engine also announces the change; refreshing here keeps the list right without it.
    await this.#host.refresh();
  }

  #showToast(message: string, undoable: boolean): void {
    this.#toasts += 1;
    this.toast = { id: this.#toasts, message, undoable };
  }
}

/** Done and snooze are undone by their ids alone: no pins to put back. */
function noPins(): PinState[] {
  return [];
}

/** One reversal, in calls of at most `MAX_BULK` ids: a `done_all` may have marked more. */
async function reverse(reversal: Reversal): Promise<void> {
  for (let start = 0; start < reversal.ids.length; start += MAX_BULK) {
    const ids = reversal.ids.slice(start, start + MAX_BULK);
    switch (reversal.command) {
      case "undone":
        await markUndone(ids);
        break;
      case "done":
        await markDone(ids);
        break;
      case "snooze":
        await snooze(ids, { until: "time", at: reversal.at });
        break;
      case "unsnooze":
        await unsnooze(ids);
        break;
      case "unpin":
        await unpin(ids);
        break;
      case "pin":
        await pin(ids, reversal.due);
        break;
    }
  }
}
