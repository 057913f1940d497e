/**
 * Reads what a person types into the custom duration field.
 *
 * A bare number means minutes, because that is what "25" means on a focus timer. Units may be
 * combined largest first (`1h30m`, `1h 30`, `2m30s`), and `h:mm` is read as a clock-style length
 * (`1:30` is ninety minutes, not ninety seconds). The engine validates again; parsing here only
 * lets the window say what is wrong before anything is sent.
 */

import { MAX_FOCUS_SECS } from "../bindings/limits";
import { t } from "./i18n";

/** The longest block the engine accepts (its `duration_too_long` limit), from the core. */
export { MAX_FOCUS_SECS };

export type ParsedDuration = { ok: true; secs: number } | { ok: false; message: string };

const UNIT_SECS: ReadonlyMap<string, number> = new Map([
  ...["h", "hr", "hrs", "hour", "hours"].map((u) => [u, 3600] as const),
  ...["m", "min", "mins", "minute", "minutes"].map((u) => [u, 60] as const),
  ...["s", "sec", "secs", "second", "seconds"].map((u) => [u, 1] as const),
]);

const CLOCK = /^(\d{1,2}):([0-5]\d)$/;
const PART = /(\d+)\s*([a-z]*)\s*/y;

export function parseDuration(input: string): ParsedDuration {
  const text = input.trim().toLowerCase();
  if (text === "") {
    return { ok: false, message: t("inbox.duration.empty") };
  }
  const secs = parseClock(text) ?? parseUnits(text);
  if (secs === null) {
    return { ok: false, message: t("inbox.duration.unreadable") };
  }
  if (secs <= 0) {
    return { ok: false, message: t("inbox.duration.zero") };
  }
  if (secs > MAX_FOCUS_SECS) {
    return { ok: false, message: t("inbox.duration.tooLong") };
  }
  return { ok: true, secs };
}

function parseClock(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}

/** `25`, `90s`, `1h30m`, `1h 30`: each unit at most once, largest first. */
function parseUnits(text: string): number | null {
  PART.lastIndex = 0;
  let total = 0;
  let lastUnit = Infinity;
  let parts = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return null;
    parts += 1;
    const [, digits = "", unit = ""] = match;
    let unitSecs: number | undefined;
    if (unit === "") {
      // A bare number is minutes, alone ("25") or after hours ("1h 30"); nowhere else.
      const alone = parts === 1 && PART.lastIndex === text.length;
      const afterHours = lastUnit === 3600 && PART.lastIndex === text.length;
      if (!alone && !afterHours) return null;
      unitSecs = 60;
    } else {
      unitSecs = UNIT_SECS.get(unit);
      if (unitSecs === undefined) return null;
    }
    if (unitSecs >= lastUnit) return null;
    lastUnit = unitSecs;
    total += Number(digits) * unitSecs;
  }
  return parts > 0 ? total : null;
}
