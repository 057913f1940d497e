/**
 * The window's only doorway to the engine: the four Tauri commands and the status event.
 *
 * Names and argument shapes here are the contract with `src-tauri` (Tauri turns `duration_secs`
 * into `durationSecs` on the way in). A rejected command carries an `ErrorBody`; anything else that
 * rejects (no Tauri at all, a command that does not exist) is folded into the same shape, with the
 * code `ipc`, so the window has one way to show a failure.
 */

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { FocusBlock } from "../bindings/FocusBlock";
import type { Status } from "../bindings/Status";

/** Emitted by the engine with the whole `Status` after every change of state. */
export const STATUS_EVENT = "lull://status";

export function fetchStatus(): Promise<Status> {
  return invoke<Status>("status");
}

export function startFocus(durationSecs: number, intent: string | null): Promise<FocusBlock> {
  return invoke<FocusBlock>("start_focus", { durationSecs, intent });
}

export function extendFocus(secs: number): Promise<FocusBlock> {
  return invoke<FocusBlock>("extend_focus", { secs });
}

export function stopFocus(): Promise<FocusBlock> {
  return invoke<FocusBlock>("stop_focus");
}

/** Calls `onStatus` for every status the engine publishes; resolves to the unsubscribe function. */
export async function subscribeStatus(onStatus: (status: Status) => void): Promise<() => void> {
  const unlisten = await listen<Status>(STATUS_EVENT, (event) => onStatus(event.payload));
  return () => {
    // Unlistening only fails when the webview is already going away; nothing is left to clean.
    Promise.resolve()
      .then(unlisten)
      .catch(() => undefined);
  };
}

/** A failure to show: the engine's `ErrorBody`, or `ipc` when the call never reached the engine. */
export type Failure = { code: ErrorBody["code"] | "ipc"; message: string };

export function toFailure(error: unknown): Failure {
  if (isErrorBody(error)) return { code: error.code, message: error.message };
  // Tauri itself rejects with a bare string, e.g. for a command or permission it does not know.
  if (typeof error === "string" && error !== "") return { code: "ipc", message: error };
  const detail = error instanceof Error ? ` (${error.message})` : "";
  return { code: "ipc", message: `Lull's engine did not answer${detail}.` };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string";
}
