/**
 * How the window writes a time that is still to come: the block's countdown, the minutes left in
 * the header, and how long until the next change of mode.
 *
 * Seconds matter only near the end. Beyond an hour the countdown reads "1 h 40 min", as a person
 * says it, and ticks once a minute to the eye; in the last hour it becomes `mm:ss`, so the final
 * stretch can be watched. The switch comes at exactly 60:00, so "1 h 0 min" never appears: a
 * 90-minute block shows "1 h 30 min", then "1 h 1 min", then "60:00", "59:59". Minutes are
 * rounded up, as the seconds are (`remainingSecs`): a block with 1 h 39 min 10 s left says
 * "1 h 40 min", and "0" never shows while time is left.
 */

import { t } from "./i18n";

const HOUR_SECS = 3600;

/** "40 min", "1 h", "1 h 35 min": a length in whole minutes, as the window writes one everywhere. */
export function formatMinutes(total: number): string {
  const minutes = Math.max(0, Math.floor(total));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t("app.length.minutes", { minutes: m });
  return m === 0 ? t("app.length.hours", { hours: h }) : t("app.length.hoursMinutes", { hours: h, minutes: m });
}

/** Whole minutes in `secs`, rounded up. */
function minutesUp(secs: number): number {
  return Math.ceil(Math.max(0, secs) / 60);
}

/** Whether a countdown of `secs` shows minutes only (beyond the last hour). */
export function isFarCountdown(secs: number): boolean {
  return secs > HOUR_SECS;
}

/** The running block's countdown: "1 h 40 min" beyond the last hour, `mm:ss` within it (from 60:00). */
export function blockCountdown(secs: number): string {
  if (isFarCountdown(secs)) return formatMinutes(minutesUp(secs));
  const whole = Math.max(0, Math.floor(secs));
  const pad = (n: number): string => n.toString().padStart(2, "0");
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

/** "23 min", "1 h 40 min": the minutes left in a block, never "0 min" while it runs (as the tray). */
export function minutesLeftLabel(secs: number): string {
  return formatMinutes(Math.max(1, minutesUp(secs)));
}

/** "in 12 min", "in 3 h 5 min", "now": how long until a change, to the minute. */
export function untilLabel(secs: number): string {
  return secs <= 0 ? t("focus.nextChange.now") : t("focus.nextChange.soon", { length: formatMinutes(minutesUp(secs)) });
}
