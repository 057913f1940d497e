/**
 * What the window's header says on every tab: the mode in the user's words, until when, and how
 * many messages wait ("Quiet until Thu 09:00 · 3 held"), and the line under it saying what
 * happens to a message that arrives now. Plain functions of the status and the current time.
 *
 * The words (`app.header` and `app.messages` in the catalogue) are the tray's (`mode_header` in
 * src-tauri/src/tray/mod.rs) wherever the two say the same thing, so the window and the tray never
 * name one moment differently; during a block the window counts the minutes left, as the tray's
 * tooltip does, but writes a length over an hour as the countdown below it does ("1 h 40 min
 * left", not "100 min left"), so one screen never shows one length two ways.
 */

import type { Away } from "../bindings/Away";
import type { Meeting } from "../bindings/Meeting";
import type { Mode } from "../bindings/Mode";
import type { Presenting } from "../bindings/Presenting";
import type { Status } from "../bindings/Status";
import { minutesLeftLabel } from "./countdown";
import { t } from "./i18n";
import { formatWhen, remainingSecs } from "./time";

/** The header's `data-mode`, which picks the marker's colour. */
export type HeaderMode = Mode | "first-run" | "connecting";

export type ModeHeader = {
  mode: HeaderMode;
  /** "Focusing on Draft the Q3 report", "Open until 17:30": the part an ellipsis may cut short. */
  head: string;
  /** " · 23 min left · 3 held": always shown in full after the head; may be empty. */
  tail: string;
};

/** The facts after the head, each after the separator: " · 23 min left · 3 held". */
function tail(...facts: string[]): string {
  const separator = t("app.header.separator");
  return facts.map((fact) => separator + fact).join("");
}

export function modeHeader(status: Status | null, nowMs: number): ModeHeader {
  if (status === null) return { mode: "connecting", head: t("app.header.connecting"), tail: "" };
  const held = status.held > 0 ? [t("app.header.held", { count: status.held })] : [];
  if (status.block !== null) {
    const intent = status.block.intent?.trim() ?? "";
    const length = minutesLeftLabel(remainingSecs(Date.parse(status.block.deadline), nowMs));
    return {
      mode: "focus",
      head: intent === "" ? t("app.header.block.untitled") : t("app.header.block.intent", { intent }),
      tail: tail(t("app.header.left", { length }), ...held),
    };
  }
  // Lull holds nothing by the clock until the first run is finished, whatever the hours say.
  if (status.first_run) return { mode: "first-run", head: t("app.header.firstRun"), tail: "" };
  const away = awayNow(status);
  if (away !== null) {
    const how = away.presence === "active" ? "" : t(`app.header.presence.${away.presence}`);
    return {
      mode: "quiet",
      head: t("app.header.away", { when: formatWhen(away.since, nowMs), how }),
      tail: tail(...held),
    };
  }
  // How the screen is on show, never what is on it: the screen is in front of others.
  const presenting = presentingNow(status);
  if (presenting !== null) {
    const how = presenting.screen === "private" ? "" : t(`app.header.screen.${presenting.screen}`);
    return {
      mode: "quiet",
      head: t("app.header.presenting", { when: formatWhen(presenting.since, nowMs), how }),
      tail: tail(...held),
    };
  }
  // The meeting's end, never its title: the header is on screen for anyone to read.
  const meeting = meetingNow(status);
  if (meeting !== null) {
    return {
      mode: "quiet",
      head: t("app.header.meeting", { when: formatWhen(meeting.end, nowMs) }),
      tail: tail(...held),
    };
  }
  const [name, override] = modeName(status);
  // The next change is when this mode ends; the override's own end stands in when none is ahead.
  const until = status.next_change?.at ?? override;
  const head =
    until === null
      ? t(`app.header.mode.${name}.now`)
      : t(`app.header.mode.${name}.until`, { when: formatWhen(until, nowMs) });
  return { mode: status.mode, head, tail: tail(...held) };
}

type ModeName = "focus" | "open" | "workingLate" | "quiet" | "doneForToday";

/** The mode's name in `app.header.mode`, and the end of the override it comes from, if any. */
function modeName(status: Status): [ModeName, string | null] {
  switch (status.mode) {
    case "focus":
      return ["focus", null];
    case "open":
      return status.working_late_until === null ? ["open", null] : ["workingLate", status.working_late_until];
    case "quiet":
      return status.done_for_today_until === null ? ["quiet", null] : ["doneForToday", status.done_for_today_until];
  }
}

/** The user's being away, when it is what makes it Quiet. */
function awayNow(status: Status): Away | null {
  return status.mode === "quiet" && status.quiet_reason === "away" ? status.away : null;
}

/** The screen on show, when it is what makes it Quiet. */
function presentingNow(status: Status): Presenting | null {
  return status.mode === "quiet" && status.quiet_reason === "presenting" ? status.presenting : null;
}

/** The meeting under way, when it is what makes it Quiet. */
function meetingNow(status: Status): Meeting | null {
  return status.mode === "quiet" && status.quiet_reason === "meeting" ? status.meeting : null;
}

/** What happens to a message now; the header above it has already said until when. */
export function messagesLine(status: Status): string {
  if (status.block !== null || status.mode === "focus") return t("app.messages.focus");
  if (status.first_run) return t("app.messages.firstRun");
  if (awayNow(status) !== null) return t("app.messages.away");
  if (meetingNow(status) !== null) return t("app.messages.meeting");
  if (presentingNow(status) !== null) return t("app.messages.presenting");
  return status.mode === "open" ? t("app.messages.open") : t("app.messages.quiet");
}
