/**
 * The commands the settings and stats views call, typed.
 *
 * Names and argument shapes are the contract with `src-tauri` (Tauri maps `{ enabled }` and
 * `{ settings }` onto the Rust parameters by name). Rejections are left as they come: the settings
 * form reads the `ErrorBody`'s `field` to put the message beside the input at fault, so it must
 * see the body itself, not a flattened failure.
 */

import { invoke } from "@tauri-apps/api/core";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Settings as SettingsBinding } from "../bindings/Settings";

// TEMPORARY: these mirror /tmp/lull-coord/CONTRACT.md until the generated bindings land.
export type Settings = SettingsBinding & {
  capture_desktop: boolean;
  desktop_dnd: boolean;
  shortcut: string | null;
};
export type DayStats = { date: string; focus_secs: number; blocks_completed: number; blocks_cancelled: number };
export type WeekStats = { start: string; held: number; broke_through: number; delivered: number };
export type Stats = {
  from: string;
  to: string;
  days: DayStats[];
  weeks: WeekStats[];
  blocks_completed: number;
  blocks_cancelled: number;
  completion_rate: number | null;
};
export type Sources = { api_url: string | null; api_error: string | null; token: string };
export type CaptureStatus = {
  state: "off" | "starting" | "running" | "refused" | "unavailable";
  detail: string | null;
};
export type DndStatus = { adapter: string | null; on: boolean; detail: string | null };
export type ShortcutStatus = { registered: boolean; detail: string | null };
export type DesktopStatus = {
  capture: CaptureStatus;
  dnd: DndStatus;
  autostart: boolean;
  shortcut: ShortcutStatus;
};
/** Why a command failed: the engine's `ErrorBody`, or the code `ipc` when the call never reached it. */
export type Rejection = { code: ErrorBody["code"] | "ipc"; message: string; field?: string };

export function fetchSettings(): Promise<Settings> {
  return invoke<Settings>("settings");
}

/** All or nothing: resolves to the settings as the engine stored them (sorted, trimmed, ids given). */
export function updateSettings(settings: Settings): Promise<Settings> {
  return invoke<Settings>("update_settings", { settings });
}

export function fetchStats(weeks: number): Promise<Stats> {
  return invoke<Stats>("stats", { weeks });
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
  return invoke<DesktopStatus>("set_autostart", { enabled });
}

export function toRejection(error: unknown): Rejection {
  if (typeof error === "object" && error !== null) {
    const { code, message, field } = error as Record<string, unknown>;
    if (typeof code === "string" && typeof message === "string") {
      const rejection: Rejection = { code: code as ErrorBody["code"], message };
      if (typeof field === "string" && field !== "") rejection.field = field;
      return rejection;
    }
  }
  // Tauri itself rejects with a bare string, e.g. for a command it does not know.
  const message =
    typeof error === "string" && error !== ""
      ? error
      : `Lull's engine did not answer${error instanceof Error ? ` (${error.message})` : ""}.`;
  return { code: "ipc", message };
}

/** The core writes its messages to follow "lull: "; shown on their own they start a sentence. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
