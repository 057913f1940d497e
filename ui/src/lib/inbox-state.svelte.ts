/**
 * The inbox as the review window holds it: the engine's groups, the messages fetched so far, the
 * cursor, the selection, search, and undo.
 *
 * The engine owns the messages; this keeps a window onto them. The overview gives every group's
 * count, so the list has its full length at once and messages are fetched a keyset page at a time
 * only where the user looks (see `inbox-layout.ts`). When the inbox changes, the overview and the
 * pages in view are fetched again and swapped in together, and the cursor stays on the message it
 * was on; if that message is gone (done, snoozed), on the one that took its place.
 */

import { SvelteSet } from "svelte/reactivity";
import type { GroupKey } from "../bindings/GroupKey";
import type { InboxGroup } from "../bindings/InboxGroup";
import type { Message } from "../bindings/Message";
import type { PinState } from "../bindings/PinState";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import {
  inboxGroup,
  inboxOverview,
  markDone,
  markUndone,
  pin,
  searchMessages,
  snooze,
  subscribeInbox,
  toFailure,
  unpin,
  unsnooze,
  type Failure,
} from "./ipc";
import { describe, reversalOf, UndoStack, type Reversal, type Triage } from "./inbox-undo";
import { Layout, type RowWindow } from "./inbox-layout";

/** Enough for the first screen; small, so the window is ready fast. */
export const FIRST_PAGE = 40;
/** The engine's largest page. */
export const MAX_PAGE = 500;
/** Fetched beyond the last row in view, so steady scrolling rarely meets a placeholder. */
const AHEAD = 100;

export type Section = {
  /** `null` for search results. */
  key: GroupKey | null;
  label: string;
  /** Rows the list shows: the group's count, or for search what is loaded plus one to fetch more. */
  count: number;
  held: number;
  pinned: number;
  /** The first `messages.length` messages of the group, newest first. */
  messages: readonly Message[];
  next: string | null;
  complete: boolean;
};

export function keyId(key: GroupKey | null): string {
  return key === null ? "search" : `${key.source}\u0000${key.who}\u0000${key.thread}`;
}

function sectionOf(group: InboxGroup): Section {
  return {
    key: group.key,
    label: group.label,
    count: group.count,
    held: group.held,
    pinned: group.pinned,
    messages: [],
    next: null,
    complete: group.count === 0,
  };
}

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

  /** Bumped whenever `sections` is replaced wholesale; pages fetched for an older one are dropped. */
  #generation = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- loads in flight: nothing renders them
  #loads = new Map<string, Promise<void>>();
  #view = { scrollTop: 0, viewport: 800 };
  /** Every message seen, by id: what an action needs to know about targets no longer in view. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for actions; what renders is `sections`
  #known = new Map<number, Message>();
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
    this.#view = { scrollTop, viewport };
    this.#loadWindow(this.layout.window(scrollTop, viewport));
  }

  // Moving and selecting.

  moveTo(ordinal: number): void {
    const last = this.layout.messages - 1;
    this.cursor = Math.max(0, Math.min(last, ordinal));
    this.#ensure(this.cursor);
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
      return [...this.selected].map((id) => this.#known.get(id)).filter((m): m is Message => m !== undefined);
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
    // Only the rows on screen: what lies ahead is fetched once these are shown.
    const need = neededItems(layout, layout.window(this.#view.scrollTop, this.#view.viewport), 0);
    const asked = this.#whereIsCursor(next);
    if (asked.home >= 0) need.set(asked.home, Math.max(need.get(asked.home) ?? -1, asked.item));
    await Promise.all(
      [...need].map(async ([index, upTo]) => {
        const section = next[index];
        if (section !== undefined) next[index] = await this.#fill(section, upTo);
      }),
    );

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
    const want = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, old?.key === null ? old.messages.length : 0));
    const results = await searchMessages(query, null, want);
    if (this.query !== query) return;
    const complete = results.length < want;
    for (const m of results) this.#known.set(m.id, m);
    const section: Section = {
      key: null,
      label: results.length === 0 ? `Nothing matches “${query}”` : `Results for “${query}”`,
      count: results.length + (complete ? 0 : 1),
      held: 0,
      pinned: 0,
      messages: results,
      next: null,
      complete,
    };
    const found = results.findIndex((m) => m.id === wasId);
    const cursor = found >= 0 ? found : Math.min(this.cursor, Math.max(0, results.length - 1));
    this.#swap(results.length === 0 && complete ? [] : [section], cursor);
  }

  #swap(sections: Section[], cursor: number): void {
    this.#generation += 1;
    this.#loads.clear();
    this.sections = sections;
    this.cursor = cursor;
    this.loaded = true;
    this.#loadWindow(this.layout.window(this.#view.scrollTop, this.#view.viewport));
  }

  /** Makes sure the message at `ordinal` gets fetched, with some beyond it. */
  #ensure(ordinal: number): void {
    if (this.layout.messages === 0) return;
    const { section, item } = this.layout.placeOfOrdinal(ordinal);
    void this.#loadMore(section, item);
  }

  #loadWindow(window: RowWindow): void {
    for (const [section, upTo] of neededItems(this.layout, window)) void this.#loadMore(section, upTo);
  }

  /** Fetches pages of section `index` until item `upTo` is there, showing each page as it lands. */
  #loadMore(index: number, upTo: number): Promise<void> {
    const section = this.sections[index];
    if (section === undefined || section.complete || section.messages.length > upTo) return Promise.resolve();
    const generation = this.#generation;
    const slot = `${generation}:${index}`;
    const running = this.#loads.get(slot);
    if (running !== undefined) return running;
    const load = (async () => {
      try {
        let current = section;
        while (!current.complete && current.messages.length <= upTo) {
          current = await this.#page(current, upTo);
          if (generation !== this.#generation) return;
          this.#replace(index, current);
        }
      } catch (error) {
        if (generation === this.#generation) this.error = toFailure(error);
      } finally {
        this.#loads.delete(slot);
      }
    })();
    this.#loads.set(slot, load);
    return load;
  }

  /** `section` with pages fetched until item `upTo` is there (or the group ends). */
  async #fill(section: Section, upTo: number): Promise<Section> {
    let current = section;
    while (!current.complete && current.messages.length <= upTo) current = await this.#page(current, upTo);
    return current;
  }

  /** `section` with one more page. */
  async #page(section: Section, upTo: number): Promise<Section> {
    const wanted = upTo + 1 - section.messages.length + (section.messages.length === 0 ? 0 : AHEAD);
    const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, wanted));
    if (section.key === null) {
      const query = this.query ?? "";
      const last = section.messages.at(-1);
      const results = await searchMessages(query, last?.id ?? null, limit);
      for (const m of results) this.#known.set(m.id, m);
      const messages = [...section.messages, ...results];
      const complete = results.length < limit;
      return { ...section, messages, complete, count: messages.length + (complete ? 0 : 1) };
    }
    const page = await inboxGroup(section.key, section.next, limit);
    for (const m of page.messages) this.#known.set(m.id, m);
    const messages = [...section.messages, ...page.messages];
    const complete = page.next === null;
    // The group may have changed since its count was read; the refresh that follows settles it,
    // but no placeholder may wait for a page that will never come.
    const count = complete ? messages.length : Math.max(section.count, messages.length + 1);
    return { ...section, messages, next: page.next, complete, count };
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

/** Per section intersecting `window`: the last item in it (placeholders included), plus what to fetch ahead. */
function neededItems(layout: Layout, window: RowWindow, ahead = AHEAD): Map<number, number> {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a result handed to the caller, not state
  const need = new Map<number, number>();
  if (window.end <= window.start) return need;
  const first = layout.placeOfRow(window.start);
  const last = layout.placeOfRow(window.end - 1);
  for (let section = first.section; section <= last.section; section++) {
    const end = section === last.section ? last.item : layout.count(section) - 1;
    if (layout.count(section) > 0 && end >= 0) need.set(section, Math.min(layout.count(section) - 1, end + ahead));
  }
  return need;
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
