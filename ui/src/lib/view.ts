/**
 * Which view the window shows. The URL's hash is the source of truth (`index.html#inbox`, as the
 * shell opens it), so a reload keeps the view and the tray's `lull://navigate` only sets the hash.
 */

import { t } from "./i18n";

/** The views, as the engine names them in `lull://navigate` and the window's URL. */
export type View = "focus" | "inbox" | "stats" | "settings";

/** The tabs in order, each labelled from the catalogue (`app.tabs`). */
export const VIEWS: ReadonlyArray<{ id: View; label: string }> = (["focus", "inbox", "stats", "settings"] as const).map(
  (id) => ({ id, label: t(`app.tabs.${id}`) }),
);

export const DEFAULT_VIEW: View = "focus";

/** The view a hash names (`#inbox`, `#/inbox`, `inbox`), or the default for anything else. */
export function viewOfHash(hash: string): View {
  const name = hash.replace(/^#\/?/, "").toLowerCase();
  return VIEWS.find((v) => v.id === name)?.id ?? DEFAULT_VIEW;
}

/** Whether an event's payload is a view this window knows (it crosses a process boundary). */
export function isView(value: unknown): value is View {
  return VIEWS.some((v) => v.id === value);
}
