/**
 * What each source of messages is called, in one place: the engine says `api`, `desktop`, `imap`;
 * a person reads "Lull's HTTP API" for one message, "API" over a group of them, and "Topic" or
 * "App" for the source's detail. The words are in the catalogue (`common.source`); an id this
 * window does not know yet (a newer engine) reads as itself.
 */

import type { Source } from "../bindings/Source";
import { known, t } from "./i18n";

/** One message's source: "Lull's HTTP API", "Desktop notification". */
export function sourceName(source: Source): string {
  return known(`common.source.one.${source}`) ?? source;
}

/** The heading over the messages from `source`: "API", "Desktop notifications". */
export function sourceHeading(source: Source): string {
  return known(`common.source.heading.${source}`) ?? source;
}

/** What the source's detail (`Message.source_detail`) is: "Topic", "App", "Account". */
export function sourceDetailName(source: Source): string {
  return known(`common.source.detail.${source}`) ?? t("common.source.detail.api");
}
