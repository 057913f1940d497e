/**
 * The inbox's four views, in the order the switcher shows them: the grouped inbox to triage, and
 * three flat lists of what was put aside (pinned, snoozed, done), each in the order a person looks
 * for in it. What each one says when it is empty teaches the key that fills it.
 */

import type { InboxView } from "../bindings/InboxView";
import { t } from "./i18n";

export type ViewInfo = {
  id: InboxView;
  /** The switcher's word. */
  label: string;
  /** The flat list's heading: what it holds and in which order. */
  heading: string;
  /** What an empty view says. */
  empty: string;
};

export const INBOX_VIEWS: readonly ViewInfo[] = (["inbox", "pinned", "snoozed", "done"] as const).map((id) => ({
  id,
  label: t(`inbox.views.${id}.label`),
  heading: t(`inbox.views.${id}.heading`),
  empty: t(`inbox.views.${id}.empty`),
}));

export function viewInfo(view: InboxView): ViewInfo {
  return INBOX_VIEWS.find((v) => v.id === view) ?? (INBOX_VIEWS[0] as ViewInfo);
}
