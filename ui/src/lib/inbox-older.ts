/**
 * "Done everything older than…": the choices and the instant each one means now, for `done_all`'s
 * `before`. Days are the local calendar's (the start of today, the same time seven days ago), so a
 * DST change in between does not shift them by an hour.
 */

import { formatFullTimestamp } from "./dates";
import { t } from "./i18n";

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
      label: t("inbox.older.today.label"),
      scope: t("inbox.older.today.scope"),
      before: today.toISOString(),
      hint: t("inbox.older.today.hint"),
    },
    {
      id: "week",
      label: t("inbox.older.week.label"),
      scope: t("inbox.older.week.scope"),
      before: weekAgo.toISOString(),
      hint: t("inbox.older.week.hint", { when: formatFullTimestamp(weekAgo) }),
    },
  ];
}
