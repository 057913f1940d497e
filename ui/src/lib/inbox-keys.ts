/**
 * The inbox's keyboard map, as data: which key does what, and the table the `?` dialog shows.
 *
 * Keys are plain letters, as in mail clients people already know (j/k from vi and Gmail), so they
 * must never fire while the user types: in a text field, in a dialog, or with Ctrl, Alt or Meta
 * held (those belong to the web view and the desktop).
 */

export type InboxAction =
  | "down"
  | "up"
  | "first"
  | "last"
  | "select"
  | "done"
  | "snooze"
  | "pin"
  | "undo"
  | "search"
  | "help"
  | "open"
  | "escape";

export type KeyLike = {
  key: string;
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
  "?": "help",
  Enter: "open",
  o: "open",
  Escape: "escape",
};

/** What the key does in the inbox, or `null` if it is not the inbox's to handle. */
export function inboxAction(event: KeyLike): InboxAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTyping(event.target ?? null)) return null;
  return BINDINGS[event.key] ?? null;
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
  { keys: ["j", "↓"], what: "Next message" },
  { keys: ["k", "↑"], what: "Previous message" },
  { keys: ["Home", "End"], what: "First / last message" },
  { keys: ["x"], what: "Select or unselect (actions apply to the selection)" },
  { keys: ["e"], what: "Done" },
  { keys: ["s"], what: "Snooze: end of the block, tomorrow, next work window, a time" },
  { keys: ["p"], what: "Pin (with an optional due date), or unpin" },
  { keys: ["u"], what: "Undo the last action" },
  { keys: ["/"], what: "Search every message (Esc leaves)" },
  { keys: ["Enter", "o"], what: "Open the message's link in the browser" },
  { keys: ["Esc"], what: "Clear the selection, leave search, close a menu" },
  { keys: ["?"], what: "Show these keys" },
];
