/**
 * Fetching the inbox's messages a keyset page at a time, only where the user looks.
 *
 * The list has its full length from the overview's counts; a section holds the first
 * `messages.length` messages of its group and fetches more as rows come into view (with `AHEAD`
 * more beyond them, in pages of at most `MAX_PAGE`). Pages fetched for sections that have since
 * been replaced wholesale (a refresh, a search) are dropped: each replacement starts a new
 * generation. `InboxState` owns the sections and the cursor; this decides what to fetch, fetches
 * it and hands each page back. The flat views (pinned, snoozed, done) are one section each, paged
 * the same way with the `inbox` command's `next`.
 */

import type { GroupKey } from "../bindings/GroupKey";
import type { InboxGroup } from "../bindings/InboxGroup";
import type { InboxView } from "../bindings/InboxView";
import { MAX_PAGE } from "../bindings/limits";
import type { Message } from "../bindings/Message";
import { inboxGroup, inboxView, searchMessages } from "./ipc";
import { t } from "./i18n";
import { Layout, type RowWindow } from "./inbox-layout";

/** Enough for the first screen; small, so the window is ready fast. */
export const FIRST_PAGE = 40;
/** The engine's largest page (from the core). */
export { MAX_PAGE };
/** Fetched beyond the last row in view, so steady scrolling rarely meets a placeholder. */
const AHEAD = 100;

export type Section = {
  /** `null` for search results and the flat views. */
  key: GroupKey | null;
  /** The flat view this section pages (its key is `null`); absent for groups and search. */
  view?: InboxView;
  label: string;
  /**
   * The heading over it: its own (`label`, and the counts for a group), the "Others" heading over
   * it and the sections without one that follow, or none (see `inbox-grouping.ts`).
   */
  heading: "own" | "others" | "none";
  /** Rows the list shows: the group's count, or for search what is loaded plus one to fetch more. */
  count: number;
  held: number;
  pinned: number;
  /** The first `messages.length` messages of the group (newest first) or view (in its order). */
  messages: readonly Message[];
  next: string | null;
  complete: boolean;
};

export function keyId(key: GroupKey | null): string {
  return key === null ? "search" : `${key.by}\u0000${key.source}\u0000${key.who}\u0000${key.thread}`;
}

/** Where the rows of `sections` sit: a heading row for those that show one. */
export function layoutOf(sections: readonly Section[]): Layout {
  return new Layout(
    sections.map((s) => s.count),
    sections.map((s) => s.heading !== "none"),
  );
}

/** A group of the overview as a section with nothing fetched yet. */
export function sectionOf(group: InboxGroup): Section {
  return {
    key: group.key,
    label: group.label,
    heading: "own",
    count: group.count,
    held: group.held,
    pinned: group.pinned,
    messages: [],
    next: null,
    complete: group.count === 0,
  };
}

/** What the pages are fetched for: the list as it is now, and where each page goes. */
export type PagedList = {
  sections(): readonly Section[];
  layout(): Layout;
  /** The query whose results are shown, or `null` for the inbox. */
  query(): string | null;
  /** Puts `section`, a page longer, in place of the one at `index`. */
  replace(index: number, section: Section): void;
  /** A page could not be fetched. */
  fail(error: unknown): void;
};

export class Paging {
  /**
   * Every message fetched, by id: what an action needs to know about targets no longer in view. A
   * plain map: what renders is the sections.
   */
  readonly known = new Map<number, Message>();

  readonly #list: PagedList;
  /** Bumped whenever the sections are replaced wholesale; pages fetched for an older one are dropped. */
  #generation = 0;
  /** Loads in flight, by generation and section. */
  #loads = new Map<string, Promise<void>>();
  #view = { scrollTop: 0, viewport: 800 };

  constructor(list: PagedList) {
    this.#list = list;
  }

  /** Called as the list scrolls: fetches what is about to be seen. */
  show(scrollTop: number, viewport: number): void {
    this.#view = { scrollTop, viewport };
    this.loadInView();
  }

  /** Drops the loads in flight: the sections are about to be replaced wholesale. */
  restart(): void {
    this.#generation += 1;
    this.#loads.clear();
  }

  /** Fetches what is in view, and what lies ahead of it. */
  loadInView(): void {
    const layout = this.#list.layout();
    const window = layout.window(this.#view.scrollTop, this.#view.viewport);
    for (const [section, upTo] of neededItems(layout, window)) void this.#loadMore(section, upTo);
  }

  /** Makes sure the message at `ordinal` gets fetched, with some beyond it. */
  ensure(ordinal: number): void {
    const layout = this.#list.layout();
    if (layout.messages === 0) return;
    const { section, item } = layout.placeOfOrdinal(ordinal);
    void this.#loadMore(section, item);
  }

  /**
   * Fills `next` (sections not shown yet, laid out as `layout`) with what will be on screen, and
   * the cursor's group up to its item, before anything is shown. Only the rows on screen: what
   * lies ahead is fetched once these are shown. `scrollTop`: where the list will be scrolled to
   * when they are, if not where it is.
   */
  async fillInView(
    next: Section[],
    layout: Layout,
    cursor: { home: number; item: number },
    scrollTop = this.#view.scrollTop,
  ): Promise<void> {
    this.#view = { ...this.#view, scrollTop };
    const need = neededItems(layout, layout.window(this.#view.scrollTop, this.#view.viewport), 0);
    if (cursor.home >= 0) need.set(cursor.home, Math.max(need.get(cursor.home) ?? -1, cursor.item));
    await Promise.all(
      [...need].map(async ([index, upTo]) => {
        const section = next[index];
        if (section !== undefined) next[index] = await this.#fill(section, upTo);
      }),
    );
  }

  /**
   * Fetches whatever is not loaded yet between the messages at ordinals `from` and `to`
   * (inclusive, in any order), resolving once it is there: a range selection waits on it.
   */
  async ensureRange(from: number, to: number): Promise<void> {
    const layout = this.#list.layout();
    if (layout.messages === 0) return;
    const first = layout.placeOfOrdinal(Math.max(0, Math.min(from, to)));
    const last = layout.placeOfOrdinal(Math.min(layout.messages - 1, Math.max(from, to)));
    const loads: Promise<void>[] = [];
    for (let section = first.section; section <= last.section; section++) {
      const upTo = section === last.section ? last.item : layout.count(section) - 1;
      loads.push(this.#loadMore(section, upTo));
    }
    await Promise.all(loads);
  }

  /**
   * The first page of flat view `view`, as long as the `loaded` messages shown before it. Its
   * count is what is loaded plus one row to fetch more; the caller knows the view's real length.
   */
  async viewSection(view: InboxView, loaded: number, label: string): Promise<Section> {
    const want = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loaded));
    const page = await inboxView(view, null, want);
    for (const m of page.messages) this.known.set(m.id, m);
    const complete = page.next === null;
    return {
      key: null,
      view,
      label,
      heading: "own",
      count: page.messages.length + (complete ? 0 : 1),
      held: 0,
      pinned: 0,
      messages: page.messages,
      next: page.next,
      complete,
    };
  }

  /**
   * The first page of results for `query`, as long as the `loaded` results shown before it; `null`
   * when the list has moved on to another query (or the inbox) while it was on its way.
   */
  async searchSection(query: string, loaded: number): Promise<Section | null> {
    const want = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loaded));
    const results = await searchMessages(query, null, want);
    if (this.#list.query() !== query) return null;
    const complete = results.length < want;
    for (const m of results) this.known.set(m.id, m);
    return {
      key: null,
      label: t(results.length === 0 ? "inbox.search.none" : "inbox.search.results", { query }),
      heading: "own",
      count: results.length + (complete ? 0 : 1),
      held: 0,
      pinned: 0,
      messages: results,
      next: null,
      complete,
    };
  }

  /** Fetches pages of section `index` until item `upTo` is there, showing each page as it lands. */
  #loadMore(index: number, upTo: number): Promise<void> {
    const section = this.#list.sections()[index];
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
          this.#list.replace(index, current);
        }
      } catch (error) {
        if (generation === this.#generation) this.#list.fail(error);
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
    if (section.key === null && section.view !== undefined) {
      const page = await inboxView(section.view, section.next, limit);
      for (const m of page.messages) this.known.set(m.id, m);
      const messages = [...section.messages, ...page.messages];
      const complete = page.next === null;
      return { ...section, messages, next: page.next, complete, count: grown(section, messages.length, complete) };
    }
    if (section.key === null) {
      const query = this.#list.query() ?? "";
      const last = section.messages.at(-1);
      const results = await searchMessages(query, last?.id ?? null, limit);
      for (const m of results) this.known.set(m.id, m);
      const messages = [...section.messages, ...results];
      const complete = results.length < limit;
      return { ...section, messages, complete, count: messages.length + (complete ? 0 : 1) };
    }
    const page = await inboxGroup(section.key, section.next, limit);
    for (const m of page.messages) this.known.set(m.id, m);
    const messages = [...section.messages, ...page.messages];
    const complete = page.next === null;
    return { ...section, messages, next: page.next, complete, count: grown(section, messages.length, complete) };
  }
}

/**
 * A section's length once it holds `loaded` messages. The group or view may have changed since its
 * count was read; the refresh that follows settles it, but no placeholder may wait for a page that
 * will never come.
 */
function grown(section: Section, loaded: number, complete: boolean): number {
  return complete ? loaded : Math.max(section.count, loaded + 1);
}

/** Per section intersecting `window`: the last item in it (placeholders included), plus what to fetch ahead. */
function neededItems(layout: Layout, window: RowWindow, ahead = AHEAD): Map<number, number> {
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
