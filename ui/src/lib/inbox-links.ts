/**
 * Which links a message may offer. Message text comes from anyone who can reach the API or show a
 * desktop notification, so a link is a suggestion to check, not an address to follow: only
 * http, https, mailto and mid (a mail's Message-ID, which desktop mail clients open) are offered,
 * and only through the engine's `open_link`, which checks again and hands it to the system's
 * browser or mail client. The web view never navigates.
 */

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
