/**
 * The commands the settings and stats views call, typed.
 *
 * Like `ipc.ts`, each command's input is one `request` of a generated type (`update_settings`
 * takes the `Settings` document itself); failures are `ipc.ts`'s `Failure`.
 */

import { invoke } from "@tauri-apps/api/core";
import type { DesktopStatus } from "../bindings/DesktopStatus";
import type { SetAutostart } from "../bindings/SetAutostart";
import type { Settings } from "../bindings/Settings";
import type { Sources } from "../bindings/Sources";
import type { Stats } from "../bindings/Stats";
import type { StatsRequest } from "../bindings/StatsRequest";

export type { DayStats } from "../bindings/DayStats";
export type { WeekStats } from "../bindings/WeekStats";
export type { DesktopStatus, Settings, Sources, Stats };

export function fetchSettings(): Promise<Settings> {
  return invoke<Settings>("settings");
}

/** All or nothing: resolves to the settings as the engine stored them (sorted, trimmed, ids given). */
export function updateSettings(settings: Settings): Promise<Settings> {
  return invoke<Settings>("update_settings", { settings });
}

export function fetchStats(weeks: number): Promise<Stats> {
  return invoke<Stats>("stats", { request: { weeks } satisfies StatsRequest });
}

export function fetchSources(): Promise<Sources> {
  return invoke<Sources>("sources");
}

/** Resolves to the new token; the old one stops working at once. */
export function rotateToken(): Promise<string> {
  return invoke<string>("rotate_token");
}

export function fetchDesktop(): Promise<DesktopStatus> {
  return invoke<DesktopStatus>("desktop");
}

export function setAutostart(enabled: boolean): Promise<DesktopStatus> {
  return invoke<DesktopStatus>("set_autostart", { request: { enabled } satisfies SetAutostart });
}

/** The core writes its messages to follow "lull: "; shown on their own they start a sentence. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
