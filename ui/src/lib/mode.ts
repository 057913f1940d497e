/**
 * What the window's header says on every tab: the mode in the user's words, until when, and how
 * many messages wait ("Quiet until Thu 09:00 · 3 held"), and the line under it saying what
 * happens to a message that arrives now. Plain functions of the status and the current time.
 *
 * The words are the tray's (`mode_header` in src-tauri/src/tray/mod.rs) wherever the two say the
 * same thing, so the window and the tray never name one moment differently; during a block the
 * window counts the minutes left, as the tray's tooltip does, but writes a length over an hour as
 * the countdown below it does ("1 h 40 min left", not "100 min left"), so one screen never shows
 * one length two ways.
 */

import type { Mode } from "../bindings/Mode";
import type { Status } from "../bindings/Status";
import { minutesLeftLabel } from "./countdown";
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

export function modeHeader(status: Status | null, nowMs: number): ModeHeader {
  if (status === null) return { mode: "connecting", head: "Connecting…", tail: "" };
  const held = status.held > 0 ? ` · ${status.held} held` : "";
  if (status.block !== null) {
    const intent = status.block.intent?.trim() ?? "";
    const left = minutesLeftLabel(remainingSecs(Date.parse(status.block.deadline), nowMs));
    return {
      mode: "focus",
      head: intent === "" ? "Focusing" : `Focusing on ${intent}`,
      tail: ` · ${left} left${held}`,
    };
  }
  // Lull holds nothing by the clock until the first run is finished, whatever the hours say.
  if (status.first_run) return { mode: "first-run", head: "Not set up yet · holding nothing", tail: "" };
  const [name, override] = modeName(status);
  // The next change is when this mode ends; the override's own end stands in when none is ahead.
  const until = status.next_change?.at ?? override;
  return { mode: status.mode, head: until === null ? name : `${name} until ${formatWhen(until, nowMs)}`, tail: held };
}

/** The mode's name, and the end of the override it comes from, if any. */
function modeName(status: Status): [string, string | null] {
  switch (status.mode) {
    case "focus":
      return ["Focusing", null];
    case "open":
      return status.working_late_until === null ? ["Open", null] : ["Working late", status.working_late_until];
    case "quiet":
      return status.done_for_today_until === null ? ["Quiet", null] : ["Done for today", status.done_for_today_until];
  }
}

/** What happens to a message now; the header above it has already said until when. */
export function messagesLine(status: Status): string {
  if (status.block !== null || status.mode === "focus") return "Messages are held until the block ends";
  if (status.first_run) return "Messages come through until your work hours are set";
  return status.mode === "open" ? "Messages come through" : "Messages are held";
}
