/**
 * The inbox as the review window holds it: the engine's groups, the messages fetched so far, the
 * cursor, the selection, search, and undo.
 *
 * The engine owns the messages; this keeps a window onto them. The overview gives every group's
 * count, so the list has its full length at once and messages are fetched a keyset page at a time
 * only where the user looks (`inbox-paging.ts` fetches them, `inbox-layout.ts` places them). When
 * the inbox changes, the overview and the pages in view are fetched again and swapped in together,
 * and the cursor stays on the message it was on; if that message is gone (done, snoozed), on the
 * one that took its place.
 */

import { SvelteSet } from "svelte/reactivity";
import type { Message } from "../bindings/Message";
import type { PinState } from "../bindings/PinState";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import {
  inboxOverview,
  markDone,
  markUndone,
  pin,
  snooze,
  subscribeInbox,
  toFailure,
  unpin,
  unsnooze,
  type Failure,
} from "./ipc";
import { describe, reversalOf, UndoStack, type Reversal, type Triage } from "./inbox-undo";
import { Layout } from "./inbox-layout";
import { keyId, Paging, sectionOf, type Section } from "./inbox-paging";

export { FIRST_PAGE, keyId, MAX_PAGE, type Section } from "./inbox-paging";

export class InboxState {
  sections = $state.raw<Section[]>([]);
  /** False until the first overview (or search) has been shown. */
  loaded = $state(false);
  total = $state(0);
  snoozed = $state(0);
  /** The ordinal (see `Layout`) of the message under the cursor. */
  cursor = $state(0);
  readonly selected = new SvelteSet<number>();
  /** The query whose results are shown, or `null` for the inbox. */
  query = $state<string | null>(null);
  error = $state<Failure | null>(null);
  busy = $state(false);
  /** What the last action did, for the status line. */
  notice = $state<string | null>(null);
  undoLabel = $state<string | null>(null);

  readonly layout = $derived(new Layout(this.sections.map((s) => s.count)));
  readonly current = $derived(this.messageAt(this.cursor));

  /** Fetches pages where the list needs them; what it fetched is also in its `known`. */
  #paging = new Paging({
    sections: () => this.sections,
    layout: () => this.layout,
    query: () => this.query,
    replace: (index, section) => this.#replace(index, section),
    fail: (error) => (this.error = toFailure(error)),
  });
  #undo = new UndoStack();
  /** The inbox as it was when search began, shown again at once when search ends. */
  #beforeSearch: { sections: Section[]; cursor: number } | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Follows the engine's inbox events, then loads. Returns the function that stops following. */
  connect(): () => void {
    let closed = false;
    let unsubscribe: (() => void) | null = null;
    subscribeInbox(() => {
      if (!closed) void this.refresh();
    }).then(
      (stop) => {
        if (closed) stop();
        else unsubscribe = stop;
      },
      (error: unknown) => {
        if (!closed) this.error = toFailure(error);
      },
    );
    void this.refresh();
    return () => {
      closed = true;
      unsubscribe?.();
    };
  }

  messageAt(ordinal: number): Message | null {
    if (ordinal < 0 || ordinal >= this.layout.messages) return null;
    const { section, item } = this.layout.placeOfOrdinal(ordinal);
    return this.sections[section]?.messages[item] ?? null;
  }

  /** Fetches the overview (or the search) again; calls while one runs coalesce into one more. */
  refresh(): Promise<void> {
    if (this.#refreshing !== null) {
      this.#again = true;
      return this.#refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        this.#again = false;
        try {
          await (this.query === null ? this.#refreshInbox() : this.#refreshSearch(this.query));
        } catch (error) {
          this.error = toFailure(error);
        }
      } while (this.#again);
    };
    this.#refreshing = run().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  /** Called by the list as it scrolls: fetches what is about to be seen. */
  show(scrollTop: number, viewport: number): void {
    this.#paging.show(scrollTop, viewport);
  }

  // Moving and selecting.

  moveTo(ordinal: number): void {
    const last = this.layout.messages - 1;
    this.cursor = Math.max(0, Math.min(last, ordinal));
    this.#paging.ensure(this.cursor);
  }

  move(delta: number): void {
    this.moveTo(this.cursor + delta);
  }

  toggleSelected(id: number | undefined = this.current?.id): void {
    if (id === undefined) return;
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
  }

  clearSelection(): void {
    this.selected.clear();
  }

  /** What an action applies to: the selection, or else the message under the cursor. */
  targets(): Message[] {
    if (this.selected.size > 0) {
      return [...this.selected].map((id) => this.#paging.known.get(id)).filter((m): m is Message => m !== undefined);
    }
    return this.current === null ? [] : [this.current];
  }

  // Triage.

  done(): Promise<boolean> {
    return this.#triage(
      (ids) => ({ kind: "done", ids }),
      (a) => markDone(a.ids).then(noPins),
    );
  }

  snooze(until: SnoozeUntil): Promise<boolean> {
    return this.#triage(
      (ids) => ({ kind: "snooze", ids, until }),
      (a) => snooze(a.ids, until).then(noPins),
    );
  }

  pin(due: string | null): Promise<boolean> {
    return this.#triage(
      (ids) => ({ kind: "pin", ids, due }),
      (a) => pin(a.ids, due),
    );
  }

  unpin(): Promise<boolean> {
    return this.#triage(
      (ids) => ({ kind: "unpin", ids }),
      (a) => unpin(a.ids),
    );
  }

  /** Whether `p` should unpin: every target is pinned already. */
  targetsPinned(): boolean {
    const targets = this.targets();
    return targets.length > 0 && targets.every((m) => m.pinned);
  }

  /** Reverses the last action; resolves to whether there was one and it was reversed. */
  undo(): Promise<boolean> {
    return this.#serially(async () => {
      const entry = this.#undo.pop();
      if (entry === undefined) {
        this.notice = "Nothing to undo";
        return false;
      }
      try {
        for (const reversal of entry.reversals) await reverse(reversal);
      } catch (error) {
        // Keep it: the user can try again once the cause is fixed.
        this.#undo.push(entry);
        this.error = toFailure(error);
        return false;
      }
      this.notice = `Undone: ${entry.label.charAt(0).toLowerCase()}${entry.label.slice(1)}`;
      this.undoLabel = this.#undo.peek()?.label ?? null;
      await this.refresh();
      return true;
    });
  }

  // Search.

  /** Shows the results for `query` (every state, done included); a blank query shows the inbox. */
  async search(query: string): Promise<void> {
    const trimmed = query.trim();
    if (trimmed === "") {
      this.leaveSearch();
      return;
    }
    if (this.query === null) this.#beforeSearch = { sections: this.sections, cursor: this.cursor };
    this.query = trimmed;
    await this.refresh();
  }

  leaveSearch(): void {
    if (this.query === null) return;
    this.query = null;
    const before = this.#beforeSearch;
    this.#beforeSearch = null;
    if (before !== null) this.#swap(before.sections, before.cursor);
    void this.refresh();
  }

  dismissError(): void {
    this.error = null;
  }

  /**
   * Runs one action at a time, in the order the keys were pressed: "e e e" marks three messages
   * done, each once the list shows where the previous one left the cursor.
   */
  #serially(action: () => Promise<boolean>): Promise<boolean> {
    this.#pending += 1;
    this.busy = true;
    const run = this.#queue.then(async () => {
      this.error = null;
      return action();
    });
    this.#queue = run.finally(() => {
      this.#pending -= 1;
      this.busy = this.#pending > 0;
    });
    return run;
  }

  /** `make` builds the action from the targets at the moment it runs, not when it was asked for. */
  /** Runs a triage command; `command` resolves to the pins it replaced (none for done and snooze). */
  #triage(
    make: (ids: number[]) => Triage,
    command: (action: Triage) => Promise<readonly PinState[]>,
  ): Promise<boolean> {
    return this.#serially(async () => {
      const ids = this.targets().map((m) => m.id);
      if (ids.length === 0) return false;
      const action = make(ids);
      let before: readonly PinState[];
      try {
        before = await command(action);
      } catch (error) {
        this.error = toFailure(error);
        return false;
      }
      const label = describe(action);
      this.#undo.push({ label, reversals: reversalOf(action, before) });
      this.undoLabel = label;
      this.notice = label;
      this.selected.clear();
      // The engine also announces the change; refreshing here keeps the list right without it.
      await this.refresh();
      return true;
    });
  }

  async #refreshInbox(): Promise<void> {
    const overview = await inboxOverview();
    if (!this.loaded) performance.mark("lull:inbox:overview");
    const next = overview.groups.map(sectionOf);
    const layout = new Layout(next.map((s) => s.count));

    // Fill what will be on screen, and the cursor's group, before showing anything.
    await this.#paging.fillInView(next, layout, this.#whereIsCursor(next));

    // The user may have moved while the pages were on their way: place the cursor as it is now.
    const was = this.#whereIsCursor(next);
    let cursor = Math.min(this.cursor, overview.total - 1);
    const mine = was.home >= 0 ? next[was.home] : undefined;
    if (mine !== undefined && mine.count > 0) {
      const found = mine.messages.findIndex((m) => m.id === was.id);
      const item = found >= 0 ? found : Math.min(was.item, mine.count - 1);
      cursor = layout.ordinalOf({ section: was.home, item });
    }
    this.total = overview.total;
    this.snoozed = overview.snoozed;
    this.#swap(next, Math.max(0, cursor));
  }

  /** The cursor's group in `next` (-1 if it is gone), its place in the group, and its message. */
  #whereIsCursor(next: readonly Section[]): { home: number; item: number; id: number | undefined } {
    if (this.layout.messages === 0) return { home: -1, item: 0, id: undefined };
    const { section, item } = this.layout.placeOfOrdinal(this.cursor);
    const old = this.sections[section];
    const key = keyId(old?.key ?? null);
    return { home: next.findIndex((s) => keyId(s.key) === key), item, id: old?.messages[item]?.id };
  }

  async #refreshSearch(query: string): Promise<void> {
    const old = this.sections[0];
    const wasId = this.current?.id;
    const section = await this.#paging.searchSection(query, old?.key === null ? old.messages.length : 0);
    if (section === null) return;
    const results = section.messages;
    const found = results.findIndex((m) => m.id === wasId);
    const cursor = found >= 0 ? found : Math.min(this.cursor, Math.max(0, results.length - 1));
    this.#swap(results.length === 0 && section.complete ? [] : [section], cursor);
  }

  #swap(sections: Section[], cursor: number): void {
    this.#paging.restart();
    this.sections = sections;
    this.cursor = cursor;
    this.loaded = true;
    this.#paging.loadInView();
  }

  #replace(index: number, section: Section): void {
    const before = this.sections[index];
    const delta = section.count - (before?.count ?? 0);
    const firstAfter = this.layout.ordinalOf({ section: index + 1, item: 0 });
    this.sections = this.sections.map((s, i) => (i === index ? section : s));
    // A section that changed length moves every message after it; the cursor stays on its message.
    if (delta !== 0 && this.cursor >= firstAfter) this.cursor = Math.max(0, this.cursor + delta);
  }
}

/** Done and snooze are undone by their ids alone: no pins to put back. */
function noPins(): PinState[] {
  return [];
}

function reverse(reversal: Reversal): Promise<unknown> {
  switch (reversal.command) {
    case "undone":
      return markUndone(reversal.ids);
    case "unsnooze":
      return unsnooze(reversal.ids);
    case "unpin":
      return unpin(reversal.ids);
    case "pin":
      return pin(reversal.ids, reversal.due);
  }
}
