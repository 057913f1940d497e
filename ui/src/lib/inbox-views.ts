/**
 * The inbox's four views, in the order the switcher shows them: the grouped inbox to triage, and
 * three flat lists of what was put aside (pinned, snoozed, done), each in the order a person looks
 * for in it. What each one says when it is empty teaches the key that fills it.
 */

import type { InboxView } from "../bindings/InboxView";

export type ViewInfo = {
  id: InboxView;
  /** The switcher's word. */
  label: string;
  /** The flat list's heading: what it holds and in which order. */
  heading: string;
  /** What an empty view says. */
  empty: string;
};

export const INBOX_VIEWS: readonly ViewInfo[] = [
  { id: "inbox", label: "Inbox", heading: "Inbox", empty: "Nothing to triage. The inbox is empty." },
  {
    id: "pinned",
    label: "Pinned",
    heading: "Pinned · due soonest first",
    empty: "Nothing pinned. Press p on a message to keep it on top.",
  },
  {
    id: "snoozed",
    label: "Snoozed",
    heading: "Snoozed · back soonest first",
    empty: "Nothing snoozed. Press s on a message to put it away until later.",
  },
  {
    id: "done",
    label: "Done",
    heading: "Done · most recently done first",
    empty: "Nothing done yet. Press e on a message once it is dealt with.",
  },
];

export function viewInfo(view: InboxView): ViewInfo {
  return INBOX_VIEWS.find((v) => v.id === view) ?? (INBOX_VIEWS[0] as ViewInfo);
}
