/**
 * What each source of messages is called where the window names a group of them: the inbox's
 * headings when it is grouped by source. The engine says `api`, `desktop`, `imap`; a person reads
 * "API", "Desktop notifications", "Mail". Plural, as a heading over many of them is.
 */

import type { Source } from "../bindings/Source";

const SOURCE_HEADINGS: Record<Source, string> = {
  api: "API",
  cli: "Command line",
  ntfy: "ntfy",
  gotify: "Gotify",
  desktop: "Desktop notifications",
  imap: "Mail",
};

/** The heading over the messages from `source`; an id this window does not know yet reads as itself. */
export function sourceHeading(source: Source): string {
  return SOURCE_HEADINGS[source] ?? source;
}
