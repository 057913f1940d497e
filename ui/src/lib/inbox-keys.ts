/**
 * The inbox's keyboard map, as data: which key does what, and the table the `?` dialog shows.
 *
 * Keys are plain letters, as in mail clients people already know (j/k from vi and Gmail), so they
 * must never fire while the user types: in a text field or in a dialog. Shift makes a letter do
 * more (Shift+j extends the selection, Shift+e takes the whole group); of the Ctrl keys only the
 * two every editor has are the inbox's (Ctrl+A, Ctrl+Z), and Alt and Meta belong to the desktop.
 */

import { t } from "./i18n";

export type InboxAction =
  | "down"
  | "up"
  | "first"
  | "last"
  | "select"
  | "extend_down"
  | "extend_up"
  | "select_all"
  | "done_group"
  | "done"
  | "snooze"
  | "pin"
  | "undo"
  | "search"
  | "group"
  | "help"
  | "open"
  | "open_app"
  | "escape";

export type KeyLike = {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** The element the key was pressed in. */
  target?: EventTarget | null;
};

const BINDINGS: Record<string, InboxAction> = {
  j: "down",
  ArrowDown: "down",
  k: "up",
  ArrowUp: "up",
  Home: "first",
  End: "last",
  x: "select",
  e: "done",
  s: "snooze",
  p: "pin",
  u: "undo",
  "/": "search",
  g: "group",
  "?": "help",
  Enter: "open",
  o: "open",
  Escape: "escape",
};

/** With Shift held (the key arrives as the capital letter). */
const SHIFTED: Record<string, InboxAction> = {
  J: "extend_down",
  ArrowDown: "extend_down",
  K: "extend_up",
  ArrowUp: "extend_up",
  E: "done_group",
  O: "open_app",
};

/** With Ctrl held: what text editors taught everyone. */
const WITH_CTRL: Record<string, InboxAction> = { a: "select_all", z: "undo" };

/** What the key does in the inbox, or `null` if it is not the inbox's to handle. */
export function inboxAction(event: KeyLike): InboxAction | null {
  if (event.altKey || event.metaKey) return null;
  if (isTyping(event.target ?? null)) return null;
  if (event.ctrlKey) return event.shiftKey ? null : (WITH_CTRL[event.key.toLowerCase()] ?? null);
  if (event.shiftKey) return SHIFTED[event.key] ?? BINDINGS[event.key] ?? null;
  // Caps Lock gives a capital without Shift: the plain letter's meaning, not the shifted one's.
  return BINDINGS[event.key] ?? BINDINGS[event.key.toLowerCase()] ?? null;
}

/** True inside a text field, a select, an editable element, or any open dialog. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("dialog, [role=dialog], [role=menu]") !== null) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset"].includes(target.type);
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

/** The table in the `?` dialog, in the order a newcomer needs it. */
export const KEY_HELP: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ["j", "↓"], what: t("inbox.keys.help.down") },
  { keys: ["k", "↑"], what: t("inbox.keys.help.up") },
  { keys: ["Home", "End"], what: t("inbox.keys.help.ends") },
  { keys: ["x"], what: t("inbox.keys.help.select") },
  { keys: [shift("j"), shift("k")], what: t("inbox.keys.help.extend") },
  { keys: [ctrl("A")], what: t("inbox.keys.help.selectAll") },
  { keys: ["e"], what: t("inbox.keys.help.done") },
  { keys: ["E"], what: t("inbox.keys.help.doneGroup") },
  { keys: ["s"], what: t("inbox.keys.help.snooze") },
  { keys: ["p"], what: t("inbox.keys.help.pin") },
  { keys: ["u", ctrl("Z")], what: t("inbox.keys.help.undo") },
  { keys: ["/"], what: t("inbox.keys.help.search") },
  { keys: ["g"], what: t("inbox.keys.help.group") },
  { keys: [t("common.keys.enter"), "o"], what: t("inbox.keys.help.open") },
  { keys: ["O"], what: t("inbox.keys.help.openApp") },
  { keys: [t("common.keys.esc")], what: t("inbox.keys.help.escape") },
  { keys: ["?"], what: t("inbox.keys.help.help") },
];

/** A key with Shift or Ctrl held, as the dialog names it: "Shift+j", "Ctrl+A". */
function shift(key: string): string {
  return `${t("common.keys.shift")}+${key}`;
}

function ctrl(key: string): string {
  return `${t("common.keys.ctrl")}+${key}`;
}
