/**
 * The sections of the settings view, which settings and fields each one shows, and their order.
 *
 * The view shows one section at a time beside a list of them, as GNOME Settings and libadwaita's
 * preferences do, while one draft spans them all. So the list must say which sections hold
 * unsaved changes or a field to fix, and a message must know the section it belongs to: both
 * come from the settings' keys and the core's field names here. Someone new (the first run not
 * finished, or no publish token made yet) sees Sources first, since sending Lull a message is
 * the thing to do next; everyone else starts at Work hours.
 */

import type { Status } from "../bindings/Status";
import type { PublishToken, Settings } from "./settings-ipc";
import { fingerprint } from "./settings-check";
import { t } from "./i18n";

export type SectionId = "hours" | "focus" | "delivery" | "rules" | "sources" | "desktop" | "hooks" | "retention";

export type Section = {
  id: SectionId;
  /** The section's name in the list and over its page. */
  readonly label: string;
  /** One line under the section's title. */
  readonly description: string;
  /** The settings it edits (Sources: the remote subscriptions; its tokens apply at once). */
  keys: readonly (keyof Settings)[];
};

/** A section; its words are read from the catalogue (`settings.sections`) when shown. */
const section = (id: SectionId, keys: readonly (keyof Settings)[]): Section => ({
  id,
  get label() {
    return t(`settings.sections.${id}.label`);
  },
  get description() {
    return t(`settings.sections.${id}.description`);
  },
  keys,
});

export const SECTIONS: readonly Section[] = [
  section("hours", ["work_hours", "review_time"]),
  section("focus", ["focus_presets", "schedule", "focus_time"]),
  section("delivery", ["delivery", "file_delivered_after_hours", "inbox_grouping"]),
  section("rules", ["rules"]),
  section("sources", ["ntfy", "gotify", "imap", "calendars", "meetings"]),
  section("desktop", ["capture_desktop", "desktop_dnd", "away", "screens", "shortcut"]),
  section("hooks", ["hooks"]),
  section("retention", ["retention_days"]),
];

const byId = (id: SectionId): Section => SECTIONS.find((s) => s.id === id) as Section;

/** Whether to greet the user as new: the first run is not finished, or no publish token was ever made. */
export function isNewUser(status: Status | null, tokens: PublishToken[] | null): boolean {
  return status?.first_run === true || (tokens !== null && tokens.length === 0);
}

/** The sections in the order the list shows them: Sources first for someone new. */
export function sectionOrder(newUser: boolean): Section[] {
  if (!newUser) return [...SECTIONS];
  return [byId("sources"), ...SECTIONS.filter((s) => s.id !== "sources")];
}

/** The section that shows `field` (a core field name such as `work_hours.mon` or `rules[2]`); null for none. */
export function sectionOfField(field: string): SectionId | null {
  const key = field.replace(/[.[].*$/, "");
  return SECTIONS.find((s) => (s.keys as readonly string[]).includes(key))?.id ?? null;
}

/** The sections whose settings differ between `saved` and `draft` (both tidied). */
export function changedSections(saved: Settings, draft: Settings): Set<SectionId> {
  const changed = new Set<SectionId>();
  for (const section of SECTIONS) {
    const differs = section.keys.some((key) => fingerprint({ v: saved[key] }) !== fingerprint({ v: draft[key] }));
    if (differs) changed.add(section.id);
  }
  return changed;
}

/** The sections `fields` fall in, in `order`. */
export function sectionsOf(fields: Iterable<string>, order: readonly Section[] = SECTIONS): Section[] {
  const ids = new Set([...fields].map(sectionOfField));
  return order.filter((s) => ids.has(s.id));
}

/** "Work hours", "Work hours and Delivery", "Work hours, Focus and Delivery". */
export function listOf(sections: readonly Section[]): string {
  const labels = sections.map((s) => s.label);
  const last = labels.pop();
  if (last === undefined) return "";
  if (labels.length === 0) return last;
  const list = labels.reduce((list, next) => t("settings.list.comma", { list, next }));
  return t("settings.list.and", { list, last });
}
