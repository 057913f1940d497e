/**
 * The one line under the header that says what Lull does with messages right now: the mode, until
 * when, and how many wait. Plain function of the status and the current time.
 */

import type { Status } from "../bindings/Status";
import { formatClockTime } from "./time";

/** "17:30" today, "Thu 09:00" on another day. */
export function formatWhen(iso: string, nowMs: number): string {
  const at = new Date(iso);
  const now = new Date(nowMs);
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) return formatClockTime(iso);
  const day = at.toLocaleDateString(undefined, { weekday: "short" });
  return `${day} ${formatClockTime(iso)}`;
}

export function modeLine(status: Status, nowMs: number): string {
  const until = status.next_change === null ? "" : ` until ${formatWhen(status.next_change.at, nowMs)}`;
  const held = status.held > 0 ? ` · ${status.held} held` : "";
  switch (status.mode) {
    case "focus":
      return `Messages wait for the end of the block${held}`;
    case "open":
      return `${status.working_late_until === null ? "Open" : "Working late"}: messages come through${until}${held}`;
    case "quiet":
      return `${status.done_for_today_until === null ? "Quiet" : "Done for today"}: messages wait${until}${held}`;
  }
}
