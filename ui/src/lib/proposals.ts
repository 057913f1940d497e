/**
 * Focus time booked for you, as the Focus tab lists it: which of the engine's proposals are still
 * the user's to answer, and how a row reads. The engine plans and checks; this only shapes rows
 * and reads the time typed to move one.
 */

import type { ProposedBlock } from "../bindings/ProposedBlock";
import { normaliseTime } from "./time-field";
import { formatClockTime } from "./time";

export type ProposalRow = {
  /** The proposal's start as the engine sent it: what every answer names it by. */
  start: string;
  /** "10:00–10:50", local. */
  span: string;
  minutes: number;
  accepted: boolean;
  /** Not accepted and its start has passed: accepting it starts a block at once. */
  late: boolean;
};

/**
 * The rows to answer, by start. An accepted block whose time has come is left out: it is the
 * running block (or one the user stopped), and the engine refuses to move or skip it.
 */
export function proposalRows(proposals: readonly ProposedBlock[], nowMs: number): ProposalRow[] {
  return proposals
    .filter((p) => !(p.accepted && Date.parse(p.start) <= nowMs))
    .map((p) => ({
      start: p.start,
      span: `${formatClockTime(p.start)}–${formatClockTime(p.end)}`,
      minutes: Math.round((Date.parse(p.end) - Date.parse(p.start)) / 60_000),
      accepted: p.accepted,
      late: Date.parse(p.start) <= nowMs,
    }));
}

/**
 * The instant `time` ("14:30", or what the time field reads as one) means on the local day of
 * `iso`, as ISO 8601; null for text that is no time of day. A time the day skips (a DST gap)
 * moves forward, as the engine's work hours do.
 */
export function sameDayAt(iso: string, time: string): string | null {
  const hhmm = normaliseTime(time);
  const day = new Date(iso);
  if (hhmm === null || Number.isNaN(day.getTime())) return null;
  const [hours = 0, minutes = 0] = hhmm.split(":").map(Number);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes).toISOString();
}
