/**
 * The pure side of Settings › Sources › Calendars and Meetings: the calendar a new one starts as,
 * which addresses the core takes for each kind, the name of a calendar's password, what a list of
 * addresses typed with commas or one per line means, and a calendar's status in one line.
 *
 * The one decision to know: Lull only reads a calendar (never writes one). An ICS calendar is a
 * file on this computer (an absolute path, or a `file://` URL) or a web address; a CalDAV one is
 * the collection's web address. A file has no login name, so its password field is not offered
 * either; the password is the one secret and is never in the settings. The limits are the core's;
 * see settings-remote.ts for what all remote sources share.
 */

import type { CalendarKind } from "../bindings/CalendarKind";
import type { CalendarSource } from "../bindings/CalendarSource";
import type { MeetingSettings } from "../bindings/MeetingSettings";
import type { Sources } from "../bindings/Sources";
import type { SubscriptionStatus } from "../bindings/SubscriptionStatus";
import { t } from "./i18n";
import { statusLine, uniqueId, type SourceStatus, type StatusLine } from "./settings-remote";

export type { CalendarKind, CalendarSource, MeetingSettings };

export const MAX_CALENDARS = 20;
export const MIN_CALENDAR_POLL_MINUTES = 1;
export const MAX_CALENDAR_POLL_MINUTES = 1440;
export const DEFAULT_CALENDAR_POLL_MINUTES = 15;
export const MAX_CALENDAR_USER = 256;
export const CALENDAR_KINDS: readonly CalendarKind[] = ["ics", "caldav"];

/** What a new calendar is called: "calendar", then "calendar-2". */
const STEM = "calendar";

// eslint-disable-next-line no-control-regex -- control characters are what it looks for.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether `url` names a file on this computer: an absolute path or a `file://` URL. */
export function isFilePath(url: string): boolean {
  const text = url.trim();
  return text.startsWith("/") || /^file:\/\//i.test(text);
}

/** Whether `url` is a web address with a host (a query is fine: private ICS links carry one). */
export function isWebAddress(url: string): boolean {
  const text = url.trim();
  if (!/^https?:\/\/[^/?#\s]+/i.test(text) || /\s/.test(text)) return false;
  try {
    return new URL(text).host !== "";
  } catch {
    return false;
  }
}

/** Whether the core takes `url` for `kind`: a path, a `file:///` URL or a web address for ICS; a web address for CalDAV. */
export function isCalendarUrl(url: string, kind: CalendarKind): boolean {
  const text = url.trim();
  if (kind === "caldav") return isWebAddress(text);
  if (/^file:\/\//i.test(text)) return /^file:\/\/\/./i.test(text) && !CONTROL.test(text);
  if (text.startsWith("/")) return text.length > 1 && !CONTROL.test(text);
  return isWebAddress(text);
}

/** Whether the core takes `user` as a login name: none, or 1 to 256 characters without a control character. */
export function isCalendarUser(user: string | null | undefined): boolean {
  const text = user?.trim() ?? "";
  return text === "" || (text.length <= MAX_CALENDAR_USER && !CONTROL.test(text));
}

/** A name no other calendar has: "calendar", "calendar-2"… */
export const calendarId = (taken: Iterable<string>): string => uniqueId(STEM, taken, STEM);

/** A new calendar beside `others`: an ICS file or address, read every 15 minutes, without a login, on. */
export function newCalendar(others: readonly CalendarSource[]): CalendarSource {
  return {
    id: calendarId(others.map((c) => c.id)),
    url: "",
    kind: "ics",
    user: null,
    poll_minutes: DEFAULT_CALENDAR_POLL_MINUTES,
    enabled: true,
  };
}

/** Whether a calendar's login name (and so its password) applies: never to a file. */
export const takesLogin = (calendar: CalendarSource): boolean => !isFilePath(calendar.url);

/** Whether a calendar's password field is offered: it has a login name, and is no file. */
export const takesPassword = (calendar: CalendarSource): boolean =>
  takesLogin(calendar) && (calendar.user?.trim() ?? "") !== "";

/** The calendar as it is sent: trimmed, and no login name for a file or an empty one. */
export function tidyCalendar(calendar: CalendarSource): CalendarSource {
  const url = calendar.url.trim();
  const user = calendar.user?.trim() ?? "";
  return { ...calendar, id: calendar.id.trim(), url, user: user === "" || isFilePath(url) ? null : user };
}

/** The addresses in `text`, separated by commas or lines, each once (whatever its case). */
export function parseAddresses(text: string): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const address of text.split(/[,\r\n]+/).map((a) => a.trim())) {
    if (address === "" || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    addresses.push(address);
  }
  return addresses;
}

/** The addresses as the field shows them, one per line. */
export const formatAddresses = (addresses: readonly string[]): string => addresses.join("\n");

/** Whether `address` reads as a mail address: something, an `@`, a domain, no spaces. */
export const isAddress = (address: string): boolean => /^[^\s@,]+@[^\s@,]+$/.test(address);

/** The focus marker as it is sent: trimmed, and `null` (no event is a focus block) when empty. */
export function tidyMarker(marker: string | null | undefined): string | null {
  const text = marker?.trim() ?? "";
  return text === "" ? null : text;
}

/** What the meetings do, as it is sent. */
export const tidyMeetings = (meetings: MeetingSettings): MeetingSettings => ({
  ...meetings,
  focus_marker: tidyMarker(meetings.focus_marker),
  addresses: parseAddresses(meetings.addresses.join("\n")),
});

/** The keyring's name for a calendar's password, as `store_secret` takes it. */
export const calendarSecret = (id: string): string => `calendar/${id}`;

/** The calendars' statuses in an answer of `sources`: null while it loads. */
export function calendarStatuses(sources: Sources | null): SubscriptionStatus[] | null {
  return sources?.calendars ?? null;
}

/** What a calendar is doing, in one line: "Running: 12 events" once read, else what any source says. */
export function calendarStatusLine(status: SourceStatus | null, url: string, nowMs: number): StatusLine {
  const detail = status?.detail?.trim() ?? "";
  if (status?.state === "running" && detail !== "") {
    return { text: t("settings.calendars.running", { detail }), tone: "good" };
  }
  return statusLine(status, url.trim(), nowMs);
}
