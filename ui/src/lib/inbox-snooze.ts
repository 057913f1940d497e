/**
 * The snooze menu's choices. The engine says which apply now and when each comes back
 * (`snooze_choices`: "End of this block" only while a block runs, "This evening" only before the
 * evening), and the window shows them as they are: it does not second-guess the work hours. Until
 * that answer arrives, or if it never does, the menu offers the choices every engine knows, each
 * described rather than dated. Picking a date on a calendar comes last in both: the typed field
 * reads "friday" but no month days, so a snooze into next month needs it.
 */

import type { SnoozeChoice } from "../bindings/SnoozeChoice";
import type { SnoozeKey } from "../bindings/SnoozeKey";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import type { Status } from "../bindings/Status";
import { t } from "./i18n";

/**
 * One line of the menu: `at` is when it comes back (the engine's choices), or `null` with `hint`
 * saying it in words (the fallback's); `until` is `null` for the date picker, which asks first.
 */
export type MenuChoice = { id: string; label: string; hint: string; at: string | null; until: SnoozeUntil | null };

const LABELS: Record<SnoozeKey, string> = {
  block_end: t("inbox.snooze.choice.block_end"),
  in_an_hour: t("inbox.snooze.choice.in_an_hour"),
  this_evening: t("inbox.snooze.choice.this_evening"),
  next_work_window: t("inbox.snooze.choice.next_work_window"),
  tomorrow: t("inbox.snooze.choice.tomorrow"),
  next_week: t("inbox.snooze.choice.next_week"),
};

const PICK_A_TIME: MenuChoice = {
  id: "time",
  label: t("inbox.snooze.pick"),
  hint: t("inbox.snooze.pickHint"),
  at: null,
  until: null,
};

/** The engine's choices, in its order, then the date picker. */
export function menuChoices(choices: readonly SnoozeChoice[]): MenuChoice[] {
  return [
    ...choices.map((c) => ({ id: c.key, label: LABELS[c.key], hint: "", at: c.at, until: c.until })),
    PICK_A_TIME,
  ];
}

/** The menu before (or without) the engine's answer. */
export function snoozeChoices(status: Status | null): MenuChoice[] {
  const choices: MenuChoice[] = [];
  if (status?.block) {
    choices.push({
      id: "block_end",
      label: t("inbox.snooze.fallback.blockEnd"),
      hint: t("inbox.snooze.fallback.blockEndHint"),
      at: null,
      until: { until: "block_end" },
    });
  }
  choices.push(
    {
      id: "next_workday",
      label: t("inbox.snooze.fallback.nextWorkday"),
      hint: t("inbox.snooze.fallback.nextWorkdayHint"),
      at: null,
      until: { until: "next_workday" },
    },
    {
      id: "next_work_window",
      label: t("inbox.snooze.fallback.nextWorkWindow"),
      hint: t("inbox.snooze.fallback.nextWorkWindowHint"),
      at: null,
      until: { until: "next_work_window" },
    },
    PICK_A_TIME,
  );
  return choices;
}

/**
 * The instant an `<input type="datetime-local">` value names in the local time zone, as ISO 8601;
 * `null` for an empty or malformed value or one not in the future.
 */
export function localInputToInstant(value: string, nowMs: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  // `Date` rolls 31 February over into March; a rolled-over date is not what was typed.
  if (at.getMonth() !== mo - 1 || at.getDate() !== d) return null;
  if (at.getTime() <= nowMs) return null;
  return at.toISOString();
}

/** An instant as a datetime-local value (local time, to the minute): the pickers' starting point. */
export function localInputValue(ms: number): string {
  const at = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
