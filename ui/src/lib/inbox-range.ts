/**
 * A range selection (Shift+j/k, Shift+click): what was selected before the range began, and every
 * message from its start to the cursor. Only loaded messages have ids to select; the caller fetches
 * the rest and asks again, which is why this says whether the range was whole.
 */

import { MAX_BULK } from "../bindings/limits";
import type { Message } from "../bindings/Message";

export function rangeSelection(
  before: Iterable<number>,
  from: number,
  to: number,
  messageAt: (ordinal: number) => Message | null,
): { ids: Set<number>; complete: boolean } {
  const ids = new Set(before);
  let complete = true;
  // No more than one triage call takes: a range from the top of a 10,000-row group stops there.
  const first = Math.min(from, to);
  const last = Math.min(Math.max(from, to), first + MAX_BULK - 1);
  for (let ordinal = first; ordinal <= last; ordinal++) {
    const m = messageAt(ordinal);
    if (m === null) complete = false;
    else ids.add(m.id);
  }
  return { ids, complete };
}
