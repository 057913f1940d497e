/**
 * The English catalogue: every word the window shows, by area. Each area is its own file so that
 * a view's words sit together; `lib/i18n.ts` says how entries are written and read. Keys name what
 * the words are for (`inbox.empty.title`), not the words, so rewording never renames a key.
 */

import { app } from "./en/app";
import { calendar } from "./en/calendar";
import { common } from "./en/common";
import { focus } from "./en/focus";
import { inbox } from "./en/inbox";
import { settings } from "./en/settings";
import { stats } from "./en/stats";
import { welcome } from "./en/welcome";

export const en = {
  app,
  calendar,
  common,
  inbox,
  focus,
  stats,
  settings,
  welcome,
} as const;
