/**
 * The inbox as the review window holds it: the engine's groups (or one flat view: pinned, snoozed,
 * done), the messages fetched so far, the cursor, the selection and search; `triage` acts on them.
 *
 * The engine owns the messages; this keeps a window onto them. The overview gives every group's
 * count, so the list has its full length at once and messages are fetched a keyset page at a time
 * only where the user looks (`inbox-paging.ts` fetches them, `inbox-layout.ts` places them). When
 * the inbox changes, the overview and the pages in view are fetched again and swapped in together,
 * and the cursor stays on the message it was on; if that message is gone (done, snoozed), on the
 * one that took its place.
 *
 * A selection only ever holds loaded messages (Ctrl+A says so); what reaches further (a whole
 * group, everything older than a day) goes to the engine as one `done_all` (`inbox-triage`).
 *
 * How the engine groups the inbox is a setting (`inbox_grouping`, chosen and saved by
 * `inbox-grouping-choice`); the overview's groups are arranged under their headings by
 * `inbox-grouping.ts`.
 */

import { SvelteSet } from "svelte/reactivity";
import type { Grouping } from "../bindings/Grouping";
import type { InboxOverview } from "../bindings/InboxOverview";
import type { InboxView } from "../bindings/InboxView";
import type { Message } from "../bindings/Message";
import type { Missed } from "../bindings/Missed";
import { inboxOverview, subscribeInbox, toFailure, type Failure } from "./ipc";
import { arrange, groupingOf, noGroupHint } from "./inbox-grouping";
import { GroupingChoice } from "./inbox-grouping-choice.svelte";
import { keyId, layoutOf, Paging, sectionOf, type Section } from "./inbox-paging";
import { rangeSelection } from "./inbox-range";
import { InboxTriage } from "./inbox-triage.svelte";
import { viewInfo } from "./inbox-views";

export { FIRST_PAGE, keyId, MAX_PAGE, type Section } from "./inbox-paging";
export type { Toast } from "./inbox-triage.svelte";

/** How many messages each view holds, from the last overview. */
export type ViewCounts = Record<InboxView, number>;

/** How many messages a search found: `more` when only the first of them were fetched. */
export type SearchFound = { query: string; count: number; more: boolean };

export class InboxState {
  sections = $state.raw<Section[]>([]);
  /** False until the first overview (or search) has been shown. */
  loaded = $state(false);
  /** Which messages the list shows (search aside): the grouped inbox or one flat view. */
  view = $state<InboxView>("inbox");
  counts = $state.raw<ViewCounts>({ inbox: 0, pinned: 0, snoozed: 0, done: 0 });
  /**
   * What arrived after this instant is new: the last review's end as the engine said when this
   * visit began (not the one this visit writes when it ends). `null`: never reviewed.
   */
  newSince = $state<string | null>(null);
  /** "What you missed" since the last review, from the last overview. */
  missed = $state.raw<Missed | null>(null);
  /** The ordinal (see `Layout`) of the message under the cursor. */
  cursor = $state(0);
  readonly selected = new SvelteSet<number>();
  /** After Ctrl+A: how many messages the list holds, loaded or not (the selection has the loaded ones). */
  selectedOf = $state<number | null>(null);
  /** The query whose results are shown, or `null` for the inbox. */
  query = $state<string | null>(null);
  #found = $state.raw<SearchFound | null>(null);
  error = $state<Failure | null>(null);

  readonly layout = $derived(layoutOf(this.sections));
  readonly current = $derived(this.messageAt(this.cursor));

  /**
   * What the search shown came back with, for a screen reader to hear; `null` outside search and
   * while a new query's results are on their way. Set when results are shown, not as more pages
   * load while the list scrolls.
   */
  get found(): SearchFound | null {
    return this.#found !== null && this.#found.query === this.query ? this.#found : null;
  }

  /** Messages to triage in the inbox (not done, not snoozed). */
  get total(): number {
    return this.counts.inbox;
  }

  get snoozed(): number {
    return this.counts.snoozed;
  }

  /** How the inbox is grouped: what the list shows, or what the user just chose while it is saved. */
  get grouping(): Grouping {
    return this.#grouping.current;
  }

  /** Fetches pages where the list needs them; what it fetched is also in its `known`. */
  #paging = new Paging({
    sections: () => this.sections,
    layout: () => this.layout,
    query: () => this.query,
    replace: (index, section) => this.#replace(index, section),
    fail: (error) => (this.error = toFailure(error)),
  });
  /** Done, snooze, pin and the rest, with undo; for the targets of this list. */
  readonly triage = new InboxTriage({
    targets: () => this.targets(),
    clearSelection: () => this.clearSelection(),
    deselect: (ids) => {
      for (const id of ids) this.selected.delete(id);
    },
    refresh: () => this.refresh(),
    fail: (error) => (this.error = error === null ? null : toFailure(error)),
  });
  /** The inbox as it was when search began, shown again at once when search ends. */
  #beforeSearch: { sections: Section[]; cursor: number } | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;
  /** Where a Shift+j/k or Shift+click range began (an ordinal), and the selection before it. */
  #anchor: number | null = null;
  #beforeRange: readonly number[] = [];
  /** The next overview starts a visit: its `reviewed_at` becomes `newSince`. */
  #visitBegins = true;
  /** "Group by": once a choice is saved, the new groups from the top, with nothing selected. */
  #grouping = new GroupingChoice({
    regroup: () => {
      this.clearSelection();
      this.#fromTop = true;
      return this.refresh();
    },
    fail: (error) => (this.error = toFailure(error)),
  });
  /** The next overview puts the cursor on the first message and the list at its top. */
  #fromTop = false;

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
          if (this.query !== null) await this.#refreshSearch(this.query);
          else if (this.view === "inbox") await this.#refreshInbox();
          else await this.#refreshView(this.view);
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

  /**
   * Shows another view (leaving search): the grouped inbox or a flat list. The selection does not
   * follow: what it held is not in the other list.
   */
  setView(view: InboxView): Promise<void> {
    if (view === this.view && this.query === null) return Promise.resolve();
    this.query = null;
    this.#beforeSearch = null;
    this.view = view;
    this.clearSelection();
    this.loaded = false;
    this.#swap([], 0, false);
    return this.refresh();
  }

  /** A new visit (the window is shown again): what is new is counted from the last review again. */
  beginVisit(): Promise<void> {
    this.#visitBegins = true;
    return this.refresh();
  }

  // Moving and selecting.

  moveTo(ordinal: number): void {
    this.#anchor = null;
    this.#moveCursor(ordinal);
  }

  move(delta: number): void {
    this.moveTo(this.cursor + delta);
  }

  /**
   * Puts the cursor on the first message of the first group that `matches` (the inbox's groups
   * are what the summary's sender and source chips name); false when no group does.
   */
  moveToGroup(matches: (section: Section) => boolean): boolean {
    const index = this.sections.findIndex(matches);
    if (index < 0 || this.layout.count(index) === 0) return false;
    this.moveTo(this.layout.ordinalOf({ section: index, item: 0 }));
    return true;
  }

  /** Puts the cursor on message `id` if it is loaded; false otherwise. */
  moveToMessage(id: number): boolean {
    for (const [section, { messages }] of this.sections.entries()) {
      const item = messages.findIndex((m) => m.id === id);
      if (item >= 0) {
        this.moveTo(this.layout.ordinalOf({ section, item }));
        return true;
      }
    }
    return false;
  }

  /** Shift+j/k: moves the cursor and selects every message from where the range began to it. */
  extend(delta: number): Promise<void> {
    return this.extendTo(this.cursor + delta);
  }

  /**
   * Shift+click (and Shift+j/k): selects the messages from the range's start (the cursor, the
   * first time) to `ordinal`, on top of what was selected before. Messages in between that are
   * not loaded yet are fetched, and selected when they arrive.
   */
  async extendTo(ordinal: number): Promise<void> {
    if (this.layout.messages === 0) return;
    if (this.#anchor === null) {
      this.#anchor = this.cursor;
      this.#beforeRange = [...this.selected];
    }
    this.#moveCursor(ordinal);
    const anchor = this.#anchor;
    const cursor = this.cursor;
    if (this.#selectRange(anchor, cursor)) return;
    await this.#paging.ensureRange(anchor, cursor);
    // Only if the range is still the one asked for: the user may have moved on meanwhile.
    if (this.#anchor === anchor && this.cursor === cursor) this.#selectRange(anchor, cursor);
  }

  /** Ctrl+A: every loaded message; answers how many that is, and `selectedOf` says of how many. */
  selectAll(): number {
    this.#anchor = null;
    for (const section of this.sections) for (const m of section.messages) this.selected.add(m.id);
    this.selectedOf = this.layout.messages;
    return this.selected.size;
  }

  toggleSelected(id: number | undefined = this.current?.id): void {
    if (id === undefined) return;
    this.#anchor = null;
    this.selectedOf = null;
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
  }

  clearSelection(): void {
    this.#anchor = null;
    this.selectedOf = null;
    this.selected.clear();
  }

  /**
   * The group under the cursor, in the grouped inbox; `null` in search and the flat views, and
   * where the heading over the cursor is no group's ("Others", or the inbox not grouped).
   */
  currentGroup(): Section | null {
    const section = this.#cursorSection();
    return section?.key == null || section.heading !== "own" ? null : section;
  }

  /** Why `E` has no group to mark done at the cursor, to say so; `null` if it has one (or nothing is there). */
  noGroupHint(): string | null {
    const section = this.#cursorSection();
    return section === null ? null : noGroupHint(section);
  }

  /**
   * Groups the inbox another way, saved in the settings, then shows the new groups with the cursor
   * on the first message. The choice shows at once; if it cannot be saved, the alert says why and
   * the choice goes back.
   */
  setGrouping(grouping: Grouping): Promise<void> {
    return this.#grouping.choose(grouping);
  }

  /** Puts the cursor on the first loaded message that `matches`; false if none does. */
  moveToFirst(matches: (message: Message) => boolean): boolean {
    for (const [section, { messages }] of this.sections.entries()) {
      const item = messages.findIndex(matches);
      if (item >= 0) {
        this.moveTo(this.layout.ordinalOf({ section, item }));
        return true;
      }
    }
    return false;
  }

  /** What an action applies to: the selection, or else the message under the cursor. */
  targets(): Message[] {
    if (this.selected.size > 0) {
      return [...this.selected].map((id) => this.#paging.known.get(id)).filter((m): m is Message => m !== undefined);
    }
    return this.current === null ? [] : [this.current];
  }

  /** Whether `p` should unpin: every target is pinned already. */
  targetsPinned(): boolean {
    const targets = this.targets();
    return targets.length > 0 && targets.every((m) => m.pinned);
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

  /** Selects the range; false if some of it is not loaded yet. */
  #selectRange(from: number, to: number): boolean {
    this.selectedOf = null;
    const { ids, complete } = rangeSelection(this.#beforeRange, from, to, (o) => this.messageAt(o));
    for (const id of [...this.selected]) if (!ids.has(id)) this.selected.delete(id);
    for (const id of ids) this.selected.add(id);
    return complete;
  }

  #cursorSection(): Section | null {
    if (this.query !== null || this.view !== "inbox" || this.layout.messages === 0) return null;
    return this.sections[this.layout.placeOfOrdinal(this.cursor).section] ?? null;
  }

  /** Whether the list shows `view` (and not search). */
  #showing(view: InboxView): boolean {
    return this.view === view && this.query === null;
  }

  #moveCursor(ordinal: number): void {
    const last = this.layout.messages - 1;
    this.cursor = Math.max(0, Math.min(last, ordinal));
    this.#paging.ensure(this.cursor);
  }

  /** The figures of every view, and at a visit's start what counts as new. */
  #readCounts(overview: InboxOverview): void {
    // `?? 0`: an engine from before the views answers without them.
    this.counts = {
      inbox: overview.total,
      pinned: overview.pinned ?? 0,
      snoozed: overview.snoozed,
      done: overview.done ?? 0,
    };
    this.missed = overview.missed ?? null;
    if (this.#visitBegins) {
      this.#visitBegins = false;
      this.newSince = overview.reviewed_at ?? null;
    }
  }

  async #refreshInbox(): Promise<void> {
    const overview = await inboxOverview();
    if (!this.loaded) performance.mark("lull:inbox:overview");
    // Switched to a view or search while it was on its way: only the counts are still news.
    if (!this.#showing("inbox")) return this.#readCounts(overview);
    const next = arrange(overview.groups.map(sectionOf));
    const layout = layoutOf(next);
    const fromTop = this.#fromTop;
    this.#fromTop = false;

    // Fill what will be on screen, and the cursor's group, before showing anything.
    const first = { home: layout.messages === 0 ? -1 : layout.placeOfOrdinal(0).section, item: 0 };
    await this.#paging.fillInView(next, layout, fromTop ? first : this.#whereIsCursor(next), fromTop ? 0 : undefined);

    // The user may have moved while the pages were on their way: place the cursor as it is now.
    if (!this.#showing("inbox")) return this.#readCounts(overview);
    const was = this.#whereIsCursor(next);
    let cursor = fromTop ? 0 : Math.min(this.cursor, overview.total - 1);
    const mine = was.home >= 0 && !fromTop ? next[was.home] : undefined;
    if (mine !== undefined && mine.count > 0) {
      const found = mine.messages.findIndex((m) => m.id === was.id);
      const item = found >= 0 ? found : Math.min(was.item, mine.count - 1);
      cursor = layout.ordinalOf({ section: was.home, item });
    }
    this.#readCounts(overview);
    this.#swap(next, Math.max(0, cursor));
    this.#grouping.showing(groupingOf(next));
  }

  /** A flat view: its first pages (as many as were loaded) and the overview's figures, together. */
  async #refreshView(view: InboxView): Promise<void> {
    const old = this.sections[0];
    const wasId = this.current?.id;
    const loaded = old?.view === view ? old.messages.length : 0;
    const [overview, section] = await Promise.all([
      inboxOverview(),
      this.#paging.viewSection(view, loaded, viewInfo(view).heading),
    ]);
    this.#readCounts(overview);
    if (!this.#showing(view)) return;
    const results = section.messages;
    // The overview's figure gives the list its whole length at once, as the groups' counts do.
    const count = section.complete ? results.length : Math.max(this.counts[view], results.length + 1);
    const found = results.findIndex((m) => m.id === wasId);
    const cursor = found >= 0 ? found : Math.min(this.cursor, Math.max(0, results.length - 1));
    this.#swap(results.length === 0 && section.complete ? [] : [{ ...section, count }], cursor);
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
    this.#found = { query, count: results.length, more: !section.complete };
  }

  #swap(sections: Section[], cursor: number, loaded = true): void {
    this.#paging.restart();
    this.#anchor = null;
    this.sections = sections;
    this.cursor = cursor;
    this.loaded = loaded;
    this.#paging.loadInView();
  }

  #replace(index: number, section: Section): void {
    const before = this.sections[index];
    const delta = section.count - (before?.count ?? 0);
    const firstAfter = this.layout.ordinalOf({ section: index + 1, item: 0 });
    this.sections = this.sections.map((s, i) => (i === index ? section : s));
    // A section that changed length moves every message after it; the cursor stays on its message,
    // and a range's start on its own.
    if (delta !== 0 && this.cursor >= firstAfter) this.cursor = Math.max(0, this.cursor + delta);
    if (delta !== 0 && this.#anchor !== null && this.#anchor >= firstAfter) {
      this.#anchor = Math.max(0, this.#anchor + delta);
    }
  }
}
