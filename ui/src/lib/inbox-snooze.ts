/**
 * The snooze menu's choices. "End of this block" only exists while a block runs; the engine
 * resolves the others against the work hours, which the window does not second-guess.
 */

import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import type { Status } from "../bindings/Status";

export type SnoozeChoice = { id: string; label: string; hint: string; until: SnoozeUntil | null };

export function snoozeChoices(status: Status | null): SnoozeChoice[] {
  const choices: SnoozeChoice[] = [];
  if (status?.block) {
    choices.push({
      id: "block_end",
      label: "End of this block",
      hint: "when the running block ends",
      until: { until: "block_end" },
    });
  }
  choices.push(
    {
      id: "next_workday",
      label: "Tomorrow's first window",
      hint: "the start of the next workday",
      until: { until: "next_workday" },
    },
    {
      id: "next_work_window",
      label: "Next work window",
      hint: "the next time work hours begin",
      until: { until: "next_work_window" },
    },
    // `null`: the menu asks for a time first.
    { id: "time", label: "Pick a time…", hint: "a date and time of your choice", until: null },
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
