/**
 * The commands the settings and stats views call, typed.
 *
 * Names and argument shapes are the contract with `src-tauri` (Tauri maps `{ enabled }` and
 * `{ settings }` onto the Rust parameters by name). Unlike `ipc.ts`'s `Failure`, a `Rejection`
 * keeps the `ErrorBody`'s `field`: the settings form puts the message beside the input it names.
 */

import { invoke } from "@tauri-apps/api/core";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { DesktopStatus } from "../bindings/DesktopStatus";
import type { Settings } from "../bindings/Settings";
import type { Sources } from "../bindings/Sources";
import type { Stats } from "../bindings/Stats";

export type { DayStats } from "../bindings/DayStats";
export type { WeekStats } from "../bindings/WeekStats";
export type { DesktopStatus, Settings, Sources, Stats };

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
