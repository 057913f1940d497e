/**
 * How the inbox's groups sit under headings, for each way the engine can group them
 * (`Settings.inbox_grouping`): by sender, each group under its own heading; by source, under the
 * source's name; not grouped, under no heading at all.
 *
 * Grouped by sender, the groups of one message fold together under one "Others" heading, after
 * the groups of two or more (each part keeps the engine's newest-first order): a long tail of
 * one-off senders does not bury the senders who keep writing. Folding is presentation only: a
 * folded group stays a section of its own, keyed and paged as the engine has it, so paging, the
 * cursor's place across refreshes and the engine's `done_all` are untouched; only its heading
 * goes, and its rows name their senders (`inbox-row.ts`).
 */

import type { Grouping } from "../bindings/Grouping";
import type { Section } from "./inbox-paging";
import { t } from "./i18n";
import { sourceHeading } from "./source-names";

/** The choices of "Group by", in the order the control shows them and `g` steps through them. */
export const GROUPINGS: ReadonlyArray<{ id: Grouping; label: string }> = [
  { id: "sender", label: t("inbox.grouping.choice.sender") },
  { id: "source", label: t("inbox.grouping.choice.source") },
  { id: "flat", label: t("inbox.grouping.choice.flat") },
];

export const OTHERS = t("inbox.grouping.others");

/** The grouping after `grouping`, round again after the last. */
export function nextGrouping(grouping: Grouping): Grouping {
  const at = GROUPINGS.findIndex((g) => g.id === grouping);
  return GROUPINGS[(at + 1) % GROUPINGS.length]?.id ?? "sender";
}

/** The grouping the engine made `sections` with; `null` when there is no group to tell by. */
export function groupingOf(sections: readonly Section[]): Grouping | null {
  const key = sections[0]?.key;
  // `?? "sender"`: an engine from before the groupings sends keys without `by`.
  return key == null ? null : (key.by ?? "sender");
}

/** The overview's sections (the group with the newest message first), under their headings. */
export function arrange(sections: readonly Section[]): Section[] {
  switch (groupingOf(sections)) {
    case "flat":
      return sections.map((s) => ({ ...s, heading: "none" }));
    case "source":
      return sections.map((s) => (s.key === null ? s : { ...s, label: sourceHeading(s.key.source) }));
    default:
      return foldOnes(sections);
  }
}

/** The groups of one message after the rest, the first under "Others" and the others under none. */
function foldOnes(sections: readonly Section[]): Section[] {
  const ones = sections.filter((s) => s.count === 1);
  const rest = sections.filter((s) => s.count !== 1);
  // With no group of two or more there is nothing to set the ones apart from: an inbox that is
  // all "Others" would only trade every sender's heading for one that names no one.
  if (ones.length === 0 || rest.length === 0) return [...sections];
  return [...rest, ...ones.map((s, i): Section => ({ ...s, heading: i === 0 ? "others" : "none" }))];
}

/** What a heading says: its words, how many messages it is over (`null`: not said), how many held. */
export type HeadingText = { label: string; count: number | null; held: number };

/**
 * The heading at section `index`: its own, or "Others" with the messages of every section under
 * it; `null` for a section without a heading.
 */
export function headingOf(sections: readonly Section[], index: number): HeadingText | null {
  const section = sections[index];
  if (section === undefined || section.heading === "none") return null;
  if (section.heading === "own") {
    return { label: section.label, count: section.key === null ? null : section.count, held: section.held };
  }
  let count = 0;
  let held = 0;
  for (let i = index; i < sections.length; i++) {
    const under = sections[i];
    if (under === undefined || (i > index && under.heading !== "none")) break;
    count += under.count;
    held += under.held;
  }
  return { label: OTHERS, count, held };
}

/**
 * What `E` (the whole group done) says over a message of `section` when the heading over it is no
 * group's: folded into "Others", or the inbox not grouped. `null` where a group's heading is over
 * it. Marking "everything" done at one key is what "Done older…" is for, with a cut-off.
 */
export function noGroupHint(section: Section): string | null {
  if (section.key === null || section.heading === "own") return null;
  return section.key.by === "flat" ? t("inbox.grouping.noGroup.flat") : t("inbox.grouping.noGroup.others");
}
