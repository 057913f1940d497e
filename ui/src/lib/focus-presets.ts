/**
 * The focus lengths the Focus view offers: every preset in the settings, in the user's order.
 *
 * The first preset is the one primary "Start 25 min" (the one Enter in the intent field starts):
 * the settings keep the presets in the order the user gave them, so which length is the default
 * is theirs to choose there, and it is the same whichever window, tray or machine starts a block.
 * (A "last used" length would need a memory the engine does not keep, and would change the
 * primary button under the user's hand.) The rest are secondary buttons.
 *
 * The settings are read when the view opens; the last ones read are kept for the next time it
 * opens, so the buttons do not change under the pointer while the answer is on its way. Before
 * any answer, or if the settings cannot be read, the engine's defaults stand in.
 */

import { MAX_FOCUS_SECS } from "../bindings/limits";
import { fetchSettings } from "./settings-ipc";

/** The engine's default presets (crates/core/src/settings.rs). */
export const DEFAULT_PRESETS: readonly number[] = [25, 50, 90];

export type StartChoices = {
  /** Minutes of the primary button and of Enter in the intent field. */
  primary: number;
  /** The other presets, in order. */
  others: number[];
};

/** The presets as buttons: the first is primary; repeats and lengths the engine refuses are dropped. */
export function startChoices(presets: readonly number[]): StartChoices {
  const valid = presets.filter((m) => Number.isInteger(m) && m > 0 && m * 60 <= MAX_FOCUS_SECS);
  const [primary, ...others] = [...new Set(valid.length > 0 ? valid : DEFAULT_PRESETS)];
  return { primary: primary ?? 25, others };
}

let known: readonly number[] | null = null;

/** The presets last read from the settings, or the defaults. */
export function knownPresets(): readonly number[] {
  return known ?? DEFAULT_PRESETS;
}

/** Reads the presets from the settings; resolves to what to show (the last known on failure). */
export async function loadPresets(): Promise<readonly number[]> {
  try {
    known = (await fetchSettings()).focus_presets;
  } catch {
    // A convenience, not worth an error banner: the defaults (or the last known) still start blocks.
  }
  return knownPresets();
}

/** Forgets what was read, as a window that never read the settings (for tests). */
export function forgetPresets(): void {
  known = null;
}
