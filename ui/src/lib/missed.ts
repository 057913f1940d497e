/**
 * The words of the "what you missed" summary on top of the inbox, apart from how it looks.
 *
 * The engine sends `Missed` (what was held since the last review, by whom and from where, and what
 * broke through and why); this says it as a person would: "While you were away: 14 held, 2 broke
 * through since yesterday 17:30". The engine sends at most ten breakthroughs, so ten reads "10+":
 * the summary never claims a count it does not know. Instants are on the window's one date ladder,
 * worded to sit inside a sentence (`when` in message-story.ts). Pure: `nowMs` is passed in.
 */

import type { Breakthrough } from "../bindings/Breakthrough";
import type { Missed } from "../bindings/Missed";
import { t } from "./i18n";
import { when } from "./message-story";

/** What a chip or a breakthrough asks the inbox to show. */
export type MissedFilter = { kind: "sender" | "source"; label: string } | { kind: "message"; id: number };

/** The most breakthroughs the engine sends (`Missed.breakthroughs`, newest first). */
export const BREAKTHROUGH_CAP = 10;

/** More breakthroughs than this and the summary folds to its one heading line until opened. */
export const FOLD_AFTER = 3;

/** Whether there is anything to tell: something held, or something that broke through. */
export function hasMissed(missed: Missed): boolean {
  return missed.held > 0 || missed.breakthroughs.length > 0;
}

/** "14 held", "14 held, 2 broke through", "2 broke through", "10+ broke through". */
export function missedCounts(missed: Missed): string {
  const count = missed.breakthroughs.length;
  const held = missed.held > 0 ? t("inbox.missed.held", { count: missed.held }) : null;
  const through =
    count === 0
      ? null
      : count >= BREAKTHROUGH_CAP
        ? t("inbox.missed.brokeThroughCapped", { count })
        : t("inbox.missed.brokeThrough", { count });
  if (held !== null && through !== null) return t("inbox.missed.both", { held, through });
  return held ?? through ?? "";
}

/** When the summary counts from, inside a sentence: "09:00", "yesterday 17:30", "Mon 09:00". */
export function missedSince(missed: Missed, nowMs: number): string {
  return when(missed.since, nowMs);
}

/** The heading's whole line: "While you were away: 14 held since 09:00". */
export function missedHeading(missed: Missed, nowMs: number): string {
  return t("inbox.missed.heading", {
    lead: t("inbox.missed.lead"),
    counts: missedCounts(missed),
    since: missedSince(missed, nowMs),
  });
}

/** Whether the summary is long enough to fold to one line. */
export function foldable(missed: Missed): boolean {
  return missed.breakthroughs.length > FOLD_AFTER;
}

/** Why it reached the user: "broke through: priority 5", or "broke through" when not recorded. */
export function breakthroughWhy(breakthrough: Breakthrough): string {
  const why = breakthrough.why?.trim() ?? "";
  return why === "" ? t("inbox.missed.why") : t("inbox.missed.whyWith", { why });
}

/** The breakthrough's title, never empty. */
export function breakthroughTitle(breakthrough: Breakthrough): string {
  const title = breakthrough.title?.trim() ?? "";
  return title === "" ? t("inbox.missed.untitled") : title;
}
