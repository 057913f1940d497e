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

export type WeekdayKey = keyof Week;

export const WEEKDAYS: readonly { key: WeekdayKey & Day; short: string; name: string; field: string }[] = [
  { key: "monday", short: "Mon", name: "Monday", field: "work_hours.mon" },
  { key: "tuesday", short: "Tue", name: "Tuesday", field: "work_hours.tue" },
  { key: "wednesday", short: "Wed", name: "Wednesday", field: "work_hours.wed" },
  { key: "thursday", short: "Thu", name: "Thursday", field: "work_hours.thu" },
  { key: "friday", short: "Fri", name: "Friday", field: "work_hours.fri" },
  { key: "saturday", short: "Sat", name: "Saturday", field: "work_hours.sat" },
  { key: "sunday", short: "Sun", name: "Sunday", field: "work_hours.sun" },
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
]);
const LIST_FIELD = /^(rules|schedule|hooks)\[(\d+)\]$/;

/** `rules[2]` for the third rule. */
export const itemField = (list: "rules" | "schedule" | "hooks", index: number): string => `${list}[${index}]`;

/**
 * The field the form shows a message beside, or null to show it at the top. A list item the form
 * does not have (the list shrank since) is shown at the top too.
 */
export function placeField(
  field: string | undefined,
  lengths: Record<"rules" | "schedule" | "hooks", number>,
): string | null {
  if (field === undefined) return null;
  if (SINGLE_FIELDS.has(field)) return field;
  const item = LIST_FIELD.exec(field);
  if (item) {
    const list = item[1] as "rules" | "schedule" | "hooks";
    return Number(item[2]) < lengths[list] ? field : null;
  }
  return null;
}

/** The id of the element that holds a field's message, for `aria-describedby`. */
export function messageId(field: string): string {
  return `settings-error-${field.replace(/[^a-z0-9]+/gi, "-")}`;
}
