/**
 * The names the settings form and the core share for each field.
 *
 * The core names the field at fault in a rejection (`"work_hours.mon"`, `"rules[2]"`), and the
 * form shows the message beside the input of that name; the client-side checks use the same names
 * so both kinds of problem land in the same place. Only the field names listed here have a place
 * of their own in the form: anything else is shown at the top, so no message is ever lost.
 */

import type { Day } from "../bindings/Day";
import type { Week } from "../bindings/Week";
import { t } from "./i18n";

export type WeekdayKey = keyof Week;

/** The catalogue's short key for each weekday (`calendar.weekday`), which the core's field names use too. */
type DayKey = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Weekday = { key: WeekdayKey & Day; short: string; name: string; field: string };

/** One weekday; its names are read from the catalogue when shown. */
const weekday = (key: WeekdayKey & Day, day: DayKey): Weekday => ({
  key,
  get short() {
    return t(`calendar.weekday.short.${day}`);
  },
  get name() {
    return t(`calendar.weekday.long.${day}`);
  },
  field: `work_hours.${day}`,
});

export const WEEKDAYS: readonly Weekday[] = [
  weekday("monday", "mon"),
  weekday("tuesday", "tue"),
  weekday("wednesday", "wed"),
  weekday("thursday", "thu"),
  weekday("friday", "fri"),
  weekday("saturday", "sat"),
  weekday("sunday", "sun"),
];

const SINGLE_FIELDS = new Set([
  "work_hours",
  "work_hours.days_off",
  ...WEEKDAYS.map((d) => d.field),
  "rules",
  "schedule",
  "hooks",
  "focus_presets",
  "delivery",
  "review_time",
  "retention_days",
  "file_delivered_after_hours",
  "shortcut",
  "ntfy",
  "gotify",
  "imap",
  "calendars",
  "meetings",
  "meetings.quiet",
  "meetings.focus_marker",
  "meetings.addresses",
]);
const LIST_FIELD = /^(rules|schedule|hooks|ntfy|gotify|imap|calendars)\[(\d+)\]$/;
/** A calendar's own field (`calendars[0].poll_minutes`) is shown with its calendar; one address with the list. */
const CALENDAR_PART = /^(calendars\[\d+\])\..+$/;
const ADDRESS = /^meetings\.addresses\[\d+\]$/;

/** The lists whose items have a place of their own in the form. */
export type ListField = "rules" | "schedule" | "hooks" | "ntfy" | "gotify" | "imap" | "calendars";

/** `rules[2]` for the third rule. */
export const itemField = (list: ListField, index: number): string => `${list}[${index}]`;

/**
 * The field the form shows a message beside, or null to show it at the top. A list item the form
 * does not have (the list shrank since) is shown at the top too.
 */
export function placeField(field: string | undefined, lengths: Partial<Record<ListField, number>>): string | null {
  if (field === undefined) return null;
  if (SINGLE_FIELDS.has(field)) return field;
  if (ADDRESS.test(field)) return "meetings.addresses";
  const part = CALENDAR_PART.exec(field);
  if (part) return placeField(part[1], lengths);
  const item = LIST_FIELD.exec(field);
  if (item) {
    const list = item[1] as ListField;
    return Number(item[2]) < (lengths[list] ?? 0) ? field : null;
  }
  return null;
}

/** The id of the element that holds a field's message, for `aria-describedby`. */
export function messageId(field: string): string {
  return `settings-error-${field.replace(/[^a-z0-9]+/gi, "-")}`;
}
