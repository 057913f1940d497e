/**
 * The English catalogue: every word the window shows, by area. Each area is its own file so that
 * a view's words sit together; `lib/i18n.ts` says how entries are written and read. Keys name what
 * the words are for (`inbox.empty.title`), not the words, so rewording never renames a key.
 */

import { app } from "./en/app";
import { calendar } from "./en/calendar";
import { common } from "./en/common";

export const en = {
  app,
  calendar,
  common,
} as const;
