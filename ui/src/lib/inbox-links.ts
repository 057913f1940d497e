/**
 * Which links a message may offer. Message text comes from anyone who can reach the API or show a
 * desktop notification, so a link is a suggestion to check, not an address to follow: only
 * http, https, mailto and mid (a mail's Message-ID, which desktop mail clients open) are offered,
 * and only through the engine's `open_link`, which checks again and hands it to the system's
 * browser or mail client. The web view never navigates. A message's own buttons (`actions`) are
 * links too, and go through the same check.
 */

import type { MessageAction } from "../bindings/MessageAction";

const ALLOWED = new Set(["http:", "https:", "mailto:", "mid:"]);

/** The link as the URL parser normalised it, or `null` if it must not be offered. */
export function safeLink(link: string | null | undefined): string | null {
  if (link === null || link === undefined) return null;
  let url: URL;
  try {
    // The URL parser strips leading spaces and control characters and lowercases the scheme,
    // exactly the tricks ("\tjavascript:", "JaVaScRiPt:") that a prefix check would miss.
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  // A web link names a host; a mail link an address (or none: a new mail); `mid:` a Message-ID.
  if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "") return null;
  if (url.protocol === "mid:" && url.pathname === "") return null;
  return url.href;
}

/** Where a checked link opens: a web page in the browser, or the mail app (`mailto:` writes, `mid:` shows). */
export type LinkKind = "web" | "mailto" | "mid";

/** What kind of link `safeLink` offered: a `mid:` link is named for the mail app, not shown raw. */
export function linkKind(offered: string): LinkKind {
  if (offered.startsWith("mid:")) return "mid";
  if (offered.startsWith("mailto:")) return "mailto";
  return "web";
}

/** The most buttons a message offers besides its link, as the engine keeps them. */
export const MAX_ACTIONS = 3;

/**
 * A message's buttons (an ntfy message's "view" actions), each url checked as the link is and
 * normalised the same way: an unsafe one is left out, a blank label reads as its url.
 */
export function safeActions(actions: readonly MessageAction[] | undefined): MessageAction[] {
  return (actions ?? [])
    .flatMap(({ label, url }) => {
      const offered = safeLink(url);
      return offered === null ? [] : [{ label: label.trim() === "" ? offered : label, url: offered }];
    })
    .slice(0, MAX_ACTIONS);
}
