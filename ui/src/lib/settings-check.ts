/**
 * What the settings form does to a draft before it is sent: tidy it, and catch the obvious.
 *
 * The core validates every part again and its message is the authority; these checks exist so
 * that a typo in a time ("9:5") is pointed at before a round trip, with the same field names the
 * core uses. Tidying turns what inputs leave behind (an empty text box is `""`) into what the
 * engine means by "no condition" (`null`), and writes times the way a time field reads them
 * ("9" is 09:00, see time-field.ts), so an untouched form is never dirty, a field still being
 * typed in is judged by what it will say, and a saved form sends exactly what the user sees.
 */

import type { BreakthroughRule } from "../bindings/BreakthroughRule";
import {
  MAX_FILE_DELIVERED_HOURS,
  MAX_BATCH_EVERY_MINUTES,
  MAX_FOCUS_SECS,
  MAX_RETENTION_DAYS,
  MAX_DAILY_FOCUS_MINUTES,
  MAX_PROPOSED_BLOCK_MINUTES,
  MIN_PROPOSED_BLOCK_MINUTES,
  MIN_BATCH_EVERY_MINUTES,
} from "../bindings/limits";
import type { ScheduledBlock } from "../bindings/ScheduledBlock";
import type { Settings } from "./settings-ipc";
import { WEEKDAYS, itemField } from "./settings-fields";
import { readTime } from "./time-field";
import {
  MAX_ID,
  MAX_SUBSCRIPTIONS,
  MAX_TOPIC,
  MAX_TOPICS,
  MAX_USER,
  isName,
  isServer,
  tidySubscription,
} from "./settings-ntfy";
import { MAX_GOTIFY, tidyGotify } from "./settings-gotify";
import {
  DEFAULT_PORT,
  MAX_ACCOUNTS,
  MAX_CERTIFICATE_BYTES,
  MAX_FOLDER,
  MAX_FOLDERS,
  MAX_MAIL_USER,
  MAX_POLL_MINUTES,
  MESSAGE_ID,
  MIN_POLL_MINUTES,
  PEM_BEGIN,
  isCertificate,
  isFolder,
  isHost,
  isMailLink,
  isMailUser,
  tidyAccount,
} from "./settings-imap";
import {
  MAX_CALENDARS,
  MAX_CALENDAR_POLL_MINUTES,
  MAX_CALENDAR_USER,
  MIN_CALENDAR_POLL_MINUTES,
  isAddress,
  isCalendarUrl,
  isCalendarUser,
  isFilePath,
  tidyCalendar,
  tidyMeetings,
} from "./settings-calendars";
import { t } from "./i18n";

export { MAX_FILE_DELIVERED_HOURS };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight for "HH:MM"; "24:00" only where `endOfDay` allows it. */
export function parseTime(text: string, endOfDay = false): number | null {
  if (endOfDay && text === "24:00") return 24 * 60;
  const match = TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatTime(minutes: number): string {
  const clamped = Math.min(24 * 60, Math.max(0, Math.round(minutes)));
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(Math.floor(clamped / 60))}:${pad(clamped % 60)}`;
}

const blankToNull = (text: string | null): string | null => {
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
};

function tidyRule(rule: BreakthroughRule): BreakthroughRule {
  return {
    source: rule.source,
    sender: blankToNull(rule.sender),
    app: blankToNull(rule.app),
    min_priority: rule.min_priority,
    keyword: blankToNull(rule.keyword),
    tag: blankToNull(rule.tag),
    focus: rule.focus,
    quiet: rule.quiet,
  };
}

function tidyBlock(block: ScheduledBlock): ScheduledBlock {
  return { ...block, start: readTime(block.start), end: readTime(block.end, true), intent: blankToNull(block.intent) };
}

/** The draft as it would be sent: blank text is "none", times are HH:MM where they can be read. */
export function tidy(draft: Settings): Settings {
  const week = { ...draft.work_hours.week };
  for (const { key } of WEEKDAYS) {
    week[key] = draft.work_hours.week[key].map((w) => ({ start: readTime(w.start), end: readTime(w.end, true) }));
  }
  return {
    ...draft,
    work_hours: { ...draft.work_hours, week, days_off: draft.work_hours.days_off.filter((d) => d !== "") },
    rules: draft.rules.map(tidyRule),
    schedule: draft.schedule.map(tidyBlock),
    review_time: draft.review_time === null ? null : blankToNull(readTime(draft.review_time)),
    hooks: draft.hooks.map((h) => ({ on: h.on, command: h.command.trim() })),
    shortcut: blankToNull(draft.shortcut),
    ntfy: draft.ntfy.map(tidySubscription),
    gotify: draft.gotify.map(tidyGotify),
    imap: draft.imap.map(tidyAccount),
    calendars: draft.calendars.map(tidyCalendar),
    meetings: tidyMeetings(draft.meetings),
    delivery:
      draft.delivery.mode === "batched"
        ? {
            mode: "batched",
            every_minutes: draft.delivery.every_minutes,
            at: draft.delivery.at.map((time) => readTime(time)),
          }
        : draft.delivery,
  };
}

/** A canonical text for comparing two settings (or parts of them): key order does not matter. */
export function fingerprint(settings: unknown): string {
  return JSON.stringify(settings, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

const isWhole = (n: unknown, min: number, max: number): boolean =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;

/** The first problem in each field, by the core's field names; empty when nothing is obviously wrong. */
export function check(settings: Settings): Map<string, string> {
  const problems = new Map<string, string>();
  const report = (field: string, message: string): void => {
    if (!problems.has(field)) problems.set(field, message);
  };

  for (const day of WEEKDAYS) {
    for (const window of settings.work_hours.week[day.key]) {
      const start = parseTime(window.start);
      const end = parseTime(window.end, true);
      if (start === null || end === null) {
        report(day.field, t("settings.check.dayTimes", { day: day.name }));
      } else if (end <= start) {
        report(day.field, t("settings.check.dayBackwards", { day: day.name, start: window.start, end: window.end }));
      }
    }
  }

  settings.rules.forEach((rule, i) => {
    const field = itemField("rules", i);
    const conditions = [rule.source, rule.sender, rule.app, rule.min_priority, rule.keyword, rule.tag];
    if (conditions.every((c) => c === null)) {
      report(field, t("settings.check.ruleMatchesAll", { number: i + 1 }));
    }
  });

  settings.schedule.forEach((block, i) => {
    const field = itemField("schedule", i);
    const start = parseTime(block.start);
    const end = parseTime(block.end, true);
    if (block.days.length === 0) report(field, t("settings.check.blockDays"));
    if (start === null || end === null) report(field, t("settings.check.blockTimes"));
    else if (end <= start) report(field, t("settings.check.blockBackwards", { start: block.start, end: block.end }));
  });

  if (settings.focus_presets.length === 0) report("focus_presets", t("settings.check.presetsEmpty"));
  const maxMinutes = MAX_FOCUS_SECS / 60;
  if (!settings.focus_presets.every((m) => isWhole(m, 1, maxMinutes))) {
    report("focus_presets", t("settings.check.presetsRange", { max: maxMinutes }));
  }

  if (settings.delivery.mode === "batched") {
    const { every_minutes: every, at } = settings.delivery;
    if (every !== null && !isWhole(every, MIN_BATCH_EVERY_MINUTES, MAX_BATCH_EVERY_MINUTES)) {
      report(
        "delivery",
        t("settings.check.batchEvery", { min: MIN_BATCH_EVERY_MINUTES, max: MAX_BATCH_EVERY_MINUTES }),
      );
    }
    if (!at.every((time) => parseTime(time) !== null)) report("delivery", t("settings.check.batchTimes"));
    if (every === null && at.length === 0) report("delivery", t("settings.check.batchEmpty"));
  }

  if (settings.review_time !== null && parseTime(settings.review_time) === null) {
    report("review_time", t("settings.check.reviewTime"));
  }

  const goal = settings.focus_time;
  if (!isWhole(goal.daily_minutes, 0, MAX_DAILY_FOCUS_MINUTES)) {
    report("focus_time.daily_minutes", t("settings.check.focusGoal", { max: MAX_DAILY_FOCUS_MINUTES }));
  }
  if (
    goal.daily_minutes !== 0 &&
    !isWhole(goal.block_minutes, MIN_PROPOSED_BLOCK_MINUTES, MAX_PROPOSED_BLOCK_MINUTES)
  ) {
    report(
      "focus_time.block_minutes",
      t("settings.check.focusBlock", { min: MIN_PROPOSED_BLOCK_MINUTES, max: MAX_PROPOSED_BLOCK_MINUTES }),
    );
  }

  if (settings.retention_days !== null && !isWhole(settings.retention_days, 1, MAX_RETENTION_DAYS)) {
    report("retention_days", t("settings.check.retention", { max: MAX_RETENTION_DAYS }));
  }

  const filing = settings.file_delivered_after_hours;
  if (filing !== null && !isWhole(filing, 1, MAX_FILE_DELIVERED_HOURS)) {
    report("file_delivered_after_hours", t("settings.check.filing", { max: MAX_FILE_DELIVERED_HOURS }));
  }

  settings.hooks.forEach((hook, i) => {
    if (hook.command === "") report(itemField("hooks", i), t("settings.check.hookCommand"));
  });

  checkNtfy(settings, report);
  checkGotify(settings, report);
  checkImap(settings, report);
  checkCalendars(settings, report);

  return problems;
}

/** The core's rules for the ntfy subscriptions, by `ntfy[i]`; the count by `ntfy`. */
function checkNtfy(settings: Settings, report: (field: string, message: string) => void): void {
  if (settings.ntfy.length > MAX_SUBSCRIPTIONS)
    report("ntfy", t("settings.check.ntfyCount", { max: MAX_SUBSCRIPTIONS }));
  const seen = new Set<string>();
  settings.ntfy.forEach((subscription, i) => {
    const field = itemField("ntfy", i);
    const { id, topics, auth } = subscription;
    if (!isName(id, MAX_ID)) report(field, t("settings.check.sourceId", { max: MAX_ID }));
    else if (seen.has(id)) report(field, t("settings.check.ntfyIdTaken", { id }));
    seen.add(id);
    if (!isServer(subscription.server)) report(field, t("settings.check.ntfyServer"));
    if (topics.length === 0) report(field, t("settings.check.ntfyTopicsEmpty"));
    else if (topics.length > MAX_TOPICS) report(field, t("settings.check.ntfyTopicsCount", { max: MAX_TOPICS }));
    const bad = topics.find((topic) => !isName(topic, MAX_TOPIC));
    if (bad !== undefined) report(field, t("settings.check.ntfyTopic", { max: MAX_TOPIC, topic: bad }));
    if (auth.kind === "basic" && (auth.user.length === 0 || auth.user.length > MAX_USER || auth.user.includes(":"))) {
      report(field, t("settings.check.ntfyUser", { max: MAX_USER }));
    }
  });
}

/** The core's rules for the Gotify servers, by `gotify[i]`; the count by `gotify`. */
function checkGotify(settings: Settings, report: (field: string, message: string) => void): void {
  if (settings.gotify.length > MAX_GOTIFY) report("gotify", t("settings.check.gotifyCount", { max: MAX_GOTIFY }));
  const seen = new Set<string>();
  settings.gotify.forEach((subscription, i) => {
    const field = itemField("gotify", i);
    const { id } = subscription;
    if (!isName(id, MAX_ID)) report(field, t("settings.check.sourceId", { max: MAX_ID }));
    else if (seen.has(id)) report(field, t("settings.check.gotifyIdTaken", { id }));
    seen.add(id);
    if (!isServer(subscription.server)) report(field, t("settings.check.gotifyServer"));
  });
}

/** The core's rules for the mail accounts, by `imap[i]`; the count by `imap`. */
function checkImap(settings: Settings, report: (field: string, message: string) => void): void {
  if (settings.imap.length > MAX_ACCOUNTS) report("imap", t("settings.check.imapCount", { max: MAX_ACCOUNTS }));
  const seen = new Set<string>();
  settings.imap.forEach((account, i) => {
    const field = itemField("imap", i);
    const { id, folders } = account;
    if (!isName(id, MAX_ID)) report(field, t("settings.check.sourceId", { max: MAX_ID }));
    else if (seen.has(id)) report(field, t("settings.check.imapIdTaken", { id }));
    seen.add(id);
    if (!isHost(account.host)) report(field, t("settings.check.imapHost"));
    if (!isWhole(account.port, 1, 65535)) {
      report(field, t("settings.check.imapPort", { implicit: DEFAULT_PORT.implicit, starttls: DEFAULT_PORT.starttls }));
    }
    if (!isMailUser(account.user)) report(field, t("settings.check.imapUser", { max: MAX_MAIL_USER }));
    if (folders.length === 0) report(field, t("settings.check.imapFoldersEmpty"));
    else if (folders.length > MAX_FOLDERS) report(field, t("settings.check.imapFoldersCount", { max: MAX_FOLDERS }));
    const bad = folders.find((folder) => !isFolder(folder));
    if (bad !== undefined) report(field, t("settings.check.imapFolder", { max: MAX_FOLDER, folder: bad }));
    if (!isWhole(account.poll_minutes, MIN_POLL_MINUTES, MAX_POLL_MINUTES)) {
      report(field, t("settings.check.imapPoll", { min: MIN_POLL_MINUTES, max: MAX_POLL_MINUTES }));
    }
    if (!isMailLink(account.link)) report(field, t("settings.check.imapLink", { placeholder: MESSAGE_ID }));
    if (!isCertificate(account.certificate)) {
      report(field, t("settings.check.imapCertificate", { begin: PEM_BEGIN, max: MAX_CERTIFICATE_BYTES / 1024 }));
    }
  });
}

/** The core's rules for the calendars, by `calendars[i]`; the count by `calendars`; the addresses by `meetings.addresses`. */
function checkCalendars(settings: Settings, report: (field: string, message: string) => void): void {
  if (settings.calendars.length > MAX_CALENDARS) {
    report("calendars", t("settings.check.calendarCount", { max: MAX_CALENDARS }));
  }
  const seen = new Set<string>();
  settings.calendars.forEach((calendar, i) => {
    const field = itemField("calendars", i);
    const { id } = calendar;
    if (!isName(id, MAX_ID)) report(field, t("settings.check.sourceId", { max: MAX_ID }));
    else if (seen.has(id)) report(field, t("settings.check.calendarIdTaken", { id }));
    seen.add(id);
    if (!isCalendarUrl(calendar.url, calendar.kind)) {
      report(
        field,
        t(calendar.kind === "caldav" ? "settings.check.calendarUrlCaldav" : "settings.check.calendarUrlIcs"),
      );
    }
    const user = calendar.user?.trim() ?? "";
    if (!isCalendarUser(user) || (user !== "" && isFilePath(calendar.url))) {
      report(field, t("settings.check.calendarUser", { max: MAX_CALENDAR_USER }));
    }
    if (!isWhole(calendar.poll_minutes, MIN_CALENDAR_POLL_MINUTES, MAX_CALENDAR_POLL_MINUTES)) {
      report(
        field,
        t("settings.check.calendarPoll", { min: MIN_CALENDAR_POLL_MINUTES, max: MAX_CALENDAR_POLL_MINUTES }),
      );
    }
  });
  const bad = settings.meetings.addresses.find((address) => !isAddress(address.trim()));
  if (bad !== undefined) report("meetings.addresses", t("settings.check.meetingsAddress", { address: bad.trim() }));
}
