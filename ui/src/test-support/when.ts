/**
 * Stand-ins for the engine's `snooze_choices` and `parse_when`. The fake parser is a table of the
 * texts a test types, never a second parser: what "fri" means is the engine's business, and a test
 * states the answer it needs.
 */

import type { SnoozeChoice } from "../bindings/SnoozeChoice";
import { iso, NOW } from "./status";

/** `NOW` (Tue 2025-03-04 10:00 local) plus `days` days, at `hour:minute` local. */
export function localAt(days: number, hour: number, minute = 0): string {
  const now = new Date(NOW);
  return iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute).getTime());
}

/**
 * What `snooze_choices` answers at `NOW`, a Tuesday morning inside work hours: in an hour, this
 * evening, tomorrow, next week; with `blockEnd` (an instant), the running block's end first.
 */
export function choicesAtNow(blockEnd: string | null = null): SnoozeChoice[] {
  const choices: SnoozeChoice[] = [
    { key: "in_an_hour", until: { until: "time", at: localAt(0, 11) }, at: localAt(0, 11) },
    { key: "this_evening", until: { until: "time", at: localAt(0, 18) }, at: localAt(0, 18) },
    { key: "tomorrow", until: { until: "next_workday" }, at: localAt(1, 9) },
    { key: "next_week", until: { until: "time", at: localAt(6, 9) }, at: localAt(6, 9) },
  ];
  if (blockEnd !== null) choices.unshift({ key: "block_end", until: { until: "block_end" }, at: blockEnd });
  return choices;
}

/**
 * An answer for `parse_when`: the instant `table` gives the typed text (trimmed), or the engine's
 * `invalid_time` refusal for any other text.
 */
export function parseFrom(table: Record<string, string>): (args: Record<string, unknown>) => unknown {
  return (args) => {
    const text = String(args["text"]).trim();
    const at = table[text];
    if (at === undefined) throw { code: "invalid_time", message: `Lull can't read "${text}" as a time.` };
    return { until: at };
  };
}
