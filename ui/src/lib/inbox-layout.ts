/**
 * Where each row of the inbox list sits, without building the rows.
 *
 * The list is one scrolling column of sections (a group heading, then its messages). The engine
 * says up front how many messages each group holds, so the whole height is known before a single
 * message is fetched: unfetched messages are placeholders of the same height, and a 10,000-row
 * inbox costs the DOM only the rows in view. Headings and messages have fixed heights, so every
 * position is arithmetic plus a binary search over the sections, never a walk over the rows.
 *
 * Two numberings are used: a *row* counts headings and messages alike (what the scroller sees);
 * a message's *ordinal* counts messages only (what j and k step through).
 *
 * A section may go without a heading of its own (`headed`): the inbox not grouped at all, or the
 * groups folded under one "Others" heading (`inbox-grouping.ts`). Its messages then sit under the
 * last heading before it, which stays at the top while any of them scrolls under it.
 *
 * The heights are set in rem, so rows grow with the font size: `HEADER_HEIGHT` and `ROW_HEIGHT`
 * are them at the 16 px root font the state reckons in, and the list lays the same counts out
 * again in whole pixels at the font it finds (`rowHeights`, `withHeights`), translating between
 * the two with `convert`.
 */

export const HEADER_REM = 2.25;
export const ROW_REM = 3.75;
/** The root font size `HEADER_HEIGHT` and `ROW_HEIGHT` are reckoned at. */
export const BASE_REM_PX = 16;
export const HEADER_HEIGHT = HEADER_REM * BASE_REM_PX;
export const ROW_HEIGHT = ROW_REM * BASE_REM_PX;

/**
 * A heading's and a row's height in whole pixels for a root font of `remPx` (what the list reads
 * from the page); the base heights when it is unknown or absurd.
 */
export function rowHeights(remPx: number): { header: number; row: number } {
  const rem = Number.isFinite(remPx) && remPx >= 4 && remPx <= 200 ? remPx : BASE_REM_PX;
  return { header: Math.round(HEADER_REM * rem), row: Math.round(ROW_REM * rem) };
}

export type Place = { section: number; item: number };

/** The rows to put in the DOM: `start` inclusive, `end` exclusive. */
export type RowWindow = { start: number; end: number };

export class Layout {
  readonly sections: number;
  readonly rows: number;
  readonly messages: number;
  readonly height: number;
  /**
   * Per section: its first row (its heading's, if it has one), its first message's ordinal, its
   * first row's pixel top, and the section whose heading its messages sit under (-1: none).
   */
  readonly #firstRow: number[] = [];
  readonly #firstOrdinal: number[] = [];
  readonly #top: number[] = [];
  readonly #head: number[] = [];
  /** Per section: the pixel top of the next heading after it (the list's height if none). */
  readonly #nextHeadTop: number[] = [];
  readonly #counts: readonly number[];
  readonly #headed: readonly boolean[];

  /** `headed[i]` false: section `i` has no heading row (absent: it has one). */
  constructor(
    counts: readonly number[],
    headed: readonly boolean[] = [],
    readonly headerHeight = HEADER_HEIGHT,
    readonly rowHeight = ROW_HEIGHT,
  ) {
    this.#counts = counts;
    this.#headed = headed;
    let row = 0;
    let ordinal = 0;
    let top = 0;
    for (const [section, count] of counts.entries()) {
      const heading = this.hasHeading(section) ? 1 : 0;
      this.#firstRow.push(row);
      this.#firstOrdinal.push(ordinal);
      this.#top.push(top);
      this.#head.push(heading === 1 ? section : (this.#head.at(-1) ?? -1));
      row += heading + count;
      ordinal += count;
      top += heading * headerHeight + count * rowHeight;
    }
    this.sections = counts.length;
    this.rows = row;
    this.messages = ordinal;
    this.height = top;
    let next = top;
    for (let section = counts.length - 1; section >= 0; section--) {
      this.#nextHeadTop[section] = next;
      if (this.hasHeading(section)) next = this.#top[section] ?? top;
    }
  }

  count(section: number): number {
    return this.#counts[section] ?? 0;
  }

  hasHeading(section: number): boolean {
    return this.#headed[section] ?? true;
  }

  /** The section whose heading section `section`'s messages sit under (itself if headed); -1 if none. */
  headOf(section: number): number {
    return this.#head[section] ?? -1;
  }

  /** The same sections laid out with other heights (this one if they are the same). */
  withHeights(headerHeight: number, rowHeight: number): Layout {
    if (headerHeight === this.headerHeight && rowHeight === this.rowHeight) return this;
    return new Layout(this.#counts, this.#headed, headerHeight, rowHeight);
  }

  /**
   * The pixel in `other` (the same sections at other heights) that shows what pixel `y` shows
   * here: the same row, the same share of the way down it.
   */
  convert(y: number, other: Layout): number {
    if (other === this || this.rows === 0) return y;
    if (y >= this.height) return other.height + (y - this.height);
    const row = this.rowAt(y);
    const into = (Math.max(0, y) - this.top(row)) / this.heightOf(row);
    return other.top(row) + into * other.heightOf(row);
  }

  /** The pixel top of section `section`'s heading (of its first row, if it has no heading). */
  headingTop(section: number): number {
    return this.#top[section] ?? this.height;
  }

  /** The section and item of a row; `item` is -1 for a heading. */
  placeOfRow(row: number): Place {
    // Sections without a heading or a message share their first row with the next; the last such
    // section wins, which is the one that holds the row.
    const section = lastAtMost(this.#firstRow, row);
    return { section, item: row - (this.#firstRow[section] ?? 0) - this.#headingRows(section) };
  }

  rowOf(place: Place): number {
    return (this.#firstRow[place.section] ?? 0) + this.#headingRows(place.section) + place.item;
  }

  placeOfOrdinal(ordinal: number): Place {
    // Empty sections share their first ordinal with the next; the last such section wins, which
    // is the one that holds the message.
    const section = lastAtMost(this.#firstOrdinal, ordinal);
    return { section, item: ordinal - (this.#firstOrdinal[section] ?? 0) };
  }

  ordinalOf(place: Place): number {
    return (this.#firstOrdinal[place.section] ?? 0) + place.item;
  }

  rowOfOrdinal(ordinal: number): number {
    return this.rowOf(this.placeOfOrdinal(ordinal));
  }

  top(row: number): number {
    const { section, item } = this.placeOfRow(row);
    const top = this.#top[section] ?? 0;
    return item < 0 ? top : top + this.#headingRows(section) * this.headerHeight + item * this.rowHeight;
  }

  heightOf(row: number): number {
    return this.placeOfRow(row).item < 0 ? this.headerHeight : this.rowHeight;
  }

  /** The row covering pixel `y` (clamped to the list). */
  rowAt(y: number): number {
    if (this.rows === 0) return 0;
    const clamped = Math.min(Math.max(0, y), this.height - 1);
    const section = lastAtMost(this.#top, clamped);
    const heading = this.#headingRows(section);
    const inside = clamped - (this.#top[section] ?? 0) - heading * this.headerHeight;
    const first = this.#firstRow[section] ?? 0;
    if (inside < 0 || this.count(section) === 0) return first;
    return first + heading + Math.min(this.count(section) - 1, Math.floor(inside / this.rowHeight));
  }

  /** The rows that intersect the viewport, plus `overscan` pixels above and below. */
  window(scrollTop: number, viewport: number, overscan = 2 * ROW_HEIGHT * 4): RowWindow {
    if (this.rows === 0) return { start: 0, end: 0 };
    const start = this.rowAt(scrollTop - overscan);
    const end = this.rowAt(scrollTop + Math.max(0, viewport) + overscan) + 1;
    return { start, end: Math.min(this.rows, end) };
  }

  /**
   * The heading that stays at the top of the list scrolled to `scrollTop`: the one the section
   * under the top edge sits under (`section`), once it has begun to scroll away; `offset` (zero
   * or less) moves it up as the next heading arrives to push it out. `null` while that heading is
   * in view at the top, or when there is none (or nothing to show).
   */
  stickyHeading(scrollTop: number): { section: number; offset: number } | null {
    if (this.rows === 0 || scrollTop >= this.height) return null;
    const { section } = this.placeOfRow(this.rowAt(scrollTop));
    const head = this.headOf(section);
    if (head < 0 || scrollTop <= this.headingTop(head)) return null;
    const next = this.#nextHeadTop[section] ?? this.height;
    return { section: head, offset: Math.min(0, next - scrollTop - this.headerHeight) };
  }

  /**
   * Where to scroll so that `row` is fully visible, moving as little as possible; `null` if it
   * already is.
   */
  scrollToReveal(row: number, scrollTop: number, viewport: number): number | null {
    const top = this.top(row);
    const bottom = top + this.heightOf(row);
    // A message must clear the heading that stays at the top (see `stickyHeading`); for the first
    // message of a section that is its own heading, which says whose it is. Under no heading at
    // all, nothing covers it.
    const { section, item } = this.placeOfRow(row);
    const wantedTop = item >= 0 && this.headOf(section) >= 0 ? top - this.headerHeight : top;
    if (wantedTop < scrollTop) return Math.max(0, wantedTop);
    if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
    return null;
  }

  /** 1 if section `section` has a heading row, else 0. */
  #headingRows(section: number): number {
    return this.hasHeading(section) ? 1 : 0;
  }
}

/** Index of the last element of an ascending array that is <= value (0 if none). */
function lastAtMost(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
