/**
 * What a row of the inbox list says, apart from how it looks.
 *
 * A row reads as a triage client's does: the title first, then who sent it and the start of the
 * body, muted, on one line. Inside a group whose heading already names the sender, the sender is
 * left out: twenty rows of "CI" under a "CI" heading say nothing twenty times. Under a heading that
 * names no one (a source, "Others", or none at all when the inbox is not grouped) every row says
 * who it is from. A message without a title leads with its body instead, so no row starts empty.
 */

import type { GroupKey } from "../bindings/GroupKey";
import type { Message } from "../bindings/Message";
import { t } from "./i18n";

/** Who a message is from, as the list names it: the sender, else the app or topic, else the source. */
export function senderOf(message: Message): string {
  return message.sender ?? message.source_detail ?? message.source;
}

/**
 * The sender to show in a row under the heading of the group keyed `key` (`null`: a heading that
 * is no group's, or none), or `null` when that heading already names it. Grouped by sender, the
 * engine groups by `coalesce(sender, source_detail)` as `who` and labels a group by it, or by the
 * source when there is neither who nor thread; grouped by source, by the source (see `GroupKey`).
 */
export function rowSender(key: GroupKey | null, message: Message): string | null {
  if (key === null || key.by === "flat") return senderOf(message);
  const who = message.sender ?? message.source_detail ?? "";
  if (key.by === "source") return who === "" && key.source === message.source ? null : senderOf(message);
  if (key.who !== "") return key.who === who ? null : senderOf(message);
  const namedBySource = key.thread === "" && who === "" && key.source === message.source;
  return namedBySource ? null : senderOf(message);
}

/** The row's two lines of text: a title that is never empty, and the preview under it. */
export function rowText(message: Message): { title: string; preview: string } {
  const title = message.title?.trim() ?? "";
  if (title !== "") return { title, preview: message.body };
  const body = message.body.trim();
  if (body === "") return { title: t("inbox.list.untitled"), preview: "" };
  const [first = "", ...rest] = body.split("\n");
  return { title: first.trim(), preview: rest.join(" ").trim() };
}

/**
 * Whether `message` arrived after `sinceMs` (the end of the last review): the list marks it new.
 * Nothing is new without a review to be new since (`null`), nor when the time cannot be read.
 */
export function isNewSince(message: Message, sinceMs: number | null): boolean {
  if (sinceMs === null || Number.isNaN(sinceMs)) return false;
  const at = Date.parse(message.received_at);
  return !Number.isNaN(at) && at > sinceMs;
}
