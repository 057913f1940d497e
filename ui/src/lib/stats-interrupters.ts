/**
 * "Who interrupts you": the engine's `interrupters` (the senders, apps or topics with the most
 * messages held or broken through, most first) as the rows the stats view shows, each with a
 * name fit for a row, its source, its totals, a bar per week and a sentence a screen reader reads.
 *
 * The one decision a newcomer must know: the last week is this week, and it is not over. A trend
 * compares it with the week before (always a full one: the period starts on a Monday), and only
 * "up" is settled before Sunday ends; "down" and "as many" say "so far". With fewer than two
 * weeks, or nothing in either, there is no trend at all rather than a made-up one.
 *
 * Names are untrusted text: this only shortens them, and the view renders them as text.
 */

import type { Interrupter } from "../bindings/Interrupter";
import type { InterruptWeek } from "../bindings/InterruptWeek";
import { t } from "./i18n";
import type { Stats } from "./settings-ipc";
import { sourceName } from "./source-names";
import { weekLabel } from "./stats";
import { PALETTE_VARIABLES } from "./stats-chart";

/** The longest name a row shows, in characters; the full name is in the row's tooltip. */
export const NAME_CHARS = 60;

/**
 * The strip's colours: the chart's own variables (app.css gives each a light and a dark value), so
 * the strip and the messages chart above it agree in either theme. HTML follows a variable without
 * the redraw a canvas needs.
 */
export const STRIP_COLOURS = {
  held: `var(${PALETTE_VARIABLES.held[0]}, ${PALETTE_VARIABLES.held[1]})`,
  brokeThrough: `var(${PALETTE_VARIABLES.brokeThrough[0]}, ${PALETTE_VARIABLES.brokeThrough[1]})`,
} as const;

export type StripWeek = {
  /** The week's Monday, "YYYY-MM-DD". */
  start: string;
  held: number;
  brokeThrough: number;
  /** Heights from 0 to 100, as a share of the busiest week of any row, so rows compare. */
  heldPct: number;
  brokeThroughPct: number;
  /** "Week of Mon 3 Nov: 5 held, 1 broke through", the bar's tooltip. */
  title: string;
};

export type Trend = {
  direction: "up" | "down" | "same";
  thisWeek: number;
  lastWeek: number;
  /** "5 this week, up from 2". */
  text: string;
};

export type InterrupterRow = {
  /** Unique in the list: the engine counts a name from two sources as two interrupters. */
  key: string;
  /** The name as sent, for the tooltip; the source's name when there was none. */
  fullName: string;
  /** The name the row shows: on one line, at most `NAME_CHARS` characters. */
  name: string;
  /** The source in muted text; null when the name already is the source. */
  source: string | null;
  held: number;
  brokeThrough: number;
  total: number;
  weeks: StripWeek[];
  trend: Trend | null;
  /** "42 held, 3 broke through". */
  counts: string;
  /** "42 held, 3 broke through · 5 this week, up from 2", the row's visible detail. */
  detail: string;
  /** "CI, Lull's HTTP API: 42 held, 3 broke through. 5 this week, up from 2.", for screen readers. */
  summary: string;
};

/** The name on one line and at most `max` characters (never half an emoji), with "…" when cut. */
export function shortName(name: string, max = NAME_CHARS): string {
  const line = name.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/** "42 held, 3 broke through", leaving out a figure that is nought; "none" when both are. */
export function countsText(held: number, brokeThrough: number): string {
  if (held > 0 && brokeThrough > 0) return t("stats.interrupters.counts.both", { held, brokeThrough });
  if (held > 0) return t("stats.interrupters.counts.held", { count: held });
  if (brokeThrough > 0) return t("stats.interrupters.counts.brokeThrough", { count: brokeThrough });
  return t("stats.interrupters.counts.none");
}

const weekTotal = (week: InterruptWeek): number => week.held + week.broke_through;

/**
 * This week against last week, from weeks oldest first (the last one this week). Null with fewer
 * than two weeks, or when neither week had any.
 */
export function weekTrend(weeks: readonly InterruptWeek[]): Trend | null {
  const current = weeks.at(-1);
  const previous = weeks.at(-2);
  if (current === undefined || previous === undefined) return null;
  const thisWeek = weekTotal(current);
  const lastWeek = weekTotal(previous);
  if (thisWeek === 0 && lastWeek === 0) return null;
  const figures = { thisWeek, lastWeek };
  if (thisWeek > lastWeek) {
    const text =
      lastWeek === 0 ? t("stats.interrupters.trend.upFromNone", figures) : t("stats.interrupters.trend.up", figures);
    return { direction: "up", thisWeek, lastWeek, text };
  }
  if (thisWeek < lastWeek) {
    const text =
      thisWeek === 0 ? t("stats.interrupters.trend.downToNone", figures) : t("stats.interrupters.trend.down", figures);
    return { direction: "down", thisWeek, lastWeek, text };
  }
  // As many in both, and some: two weeks without any are no trend at all (above).
  return { direction: "same", thisWeek, lastWeek, text: t("stats.interrupters.trend.same", figures) };
}

/** The engine falls back on the source's own name when a message names no sender, app or topic. */
function namesOnlyTheSource(interrupter: Interrupter): boolean {
  const who = interrupter.who.trim();
  return who === "" || who === interrupter.source;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One row per interrupter, in the engine's order. Each one's weeks are read against the period's
 * (`stats.weeks`, the same order): one bar per week of the period, a week the engine sent no
 * figures for counted as none, and no trend unless both of the last two weeks have figures.
 */
export function interrupterRows(stats: Pick<Stats, "weeks" | "interrupters">): InterrupterRow[] {
  const aligned = stats.interrupters.map((interrupter) =>
    stats.weeks.map((_, i): InterruptWeek | undefined => interrupter.weeks[i]),
  );
  // One scale for every strip: a bar as tall as another stands for as many messages.
  const busiest = Math.max(1, ...aligned.flat().map((week) => (week === undefined ? 0 : weekTotal(week))));
  const pct = (n: number): number => (n / busiest) * 100;

  return stats.interrupters.map((interrupter, i): InterrupterRow => {
    const weeks = aligned[i] ?? [];
    const bySource = namesOnlyTheSource(interrupter);
    const fullName = bySource ? sourceName(interrupter.source) : interrupter.who;
    const name = shortName(fullName);
    const source = bySource ? null : sourceName(interrupter.source);
    const known = weeks.slice(-2).filter((week) => week !== undefined);
    const trend = known.length === 2 ? weekTrend(known) : null;
    const counts = countsText(interrupter.held, interrupter.broke_through);
    const who = source === null ? name : t("stats.interrupters.who", { name, source });
    return {
      key: `${interrupter.source}\u0000${interrupter.who}`,
      fullName,
      name,
      source,
      held: interrupter.held,
      brokeThrough: interrupter.broke_through,
      total: interrupter.held + interrupter.broke_through,
      weeks: stats.weeks.map((period, w): StripWeek => {
        const held = weeks[w]?.held ?? 0;
        const brokeThrough = weeks[w]?.broke_through ?? 0;
        return {
          start: period.start,
          held,
          brokeThrough,
          heldPct: pct(held),
          brokeThroughPct: pct(brokeThrough),
          title: t("stats.interrupters.weekTitle", {
            week: weekLabel(period.start),
            counts: countsText(held, brokeThrough),
          }),
        };
      }),
      trend,
      counts,
      detail: trend === null ? counts : t("stats.interrupters.detail", { counts, trend: trend.text }),
      summary:
        trend === null
          ? t("stats.interrupters.summary.plain", { who, counts })
          : t("stats.interrupters.summary.trend", { who, counts, trend: capitalised(trend.text) }),
    };
  });
}
