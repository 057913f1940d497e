/**
 * "Done everything older than…": the choices and the instant each one means now, for `done_all`'s
 * `before`. Days are the local calendar's (the start of today, the same time seven days ago), so a
 * DST change in between does not shift them by an hour.
 */

import { formatFullTimestamp } from "./dates";

export type OlderChoice = {
  id: "today" | "week";
  label: string;
  /** How the status line and the toast name what was marked ("older than today"). */
  scope: string;
  /** ISO 8601: messages received before it. */
  before: string;
  /** When that is, in words. */
  hint: string;
};

export function olderChoices(nowMs: number): OlderChoice[] {
  const now = new Date(nowMs);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const weekAgo = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7, now.getHours(), now.getMinutes());
  return [
    {
      id: "today",
      label: "Older than today",
      scope: "older than today",
      before: today.toISOString(),
      hint: "everything received before midnight",
    },
    {
      id: "week",
      label: "Older than a week",
      scope: "older than a week",
      before: weekAgo.toISOString(),
      hint: `everything received before ${formatFullTimestamp(weekAgo)}`,
    },
  ];
}
