/**
 * The commands the settings and stats views call, typed.
 *
 * Like `ipc.ts`, each command's input is one `request` of a generated type (`update_settings`
 * takes the `Settings` document itself); failures are `ipc.ts`'s `Failure`.
 */

import { invoke } from "@tauri-apps/api/core";
import type { CreatedToken } from "../bindings/CreatedToken";
import type { DesktopStatus } from "../bindings/DesktopStatus";
import type { NewToken } from "../bindings/NewToken";
import type { PublishToken } from "../bindings/PublishToken";
import type { SetAutostart } from "../bindings/SetAutostart";
import type { Settings } from "../bindings/Settings";
import type { Sources } from "../bindings/Sources";
import type { Stats } from "../bindings/Stats";
import type { StoreSecret } from "../bindings/StoreSecret";
import type { StatsRequest } from "../bindings/StatsRequest";
import type { TokenName } from "../bindings/TokenName";

export type { DayStats } from "../bindings/DayStats";
export type { WeekStats } from "../bindings/WeekStats";
export type { CreatedToken, DesktopStatus, NewToken, PublishToken, Settings, Sources, Stats };

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

/** Resolves to the new control token; the old one stops working at once. */
export function rotateToken(): Promise<string> {
  return invoke<string>("rotate_token");
}

/** Every publish token, the working ones first, then the revoked. */
export function fetchTokens(): Promise<PublishToken[]> {
  return invoke<PublishToken[]>("tokens");
}

/** Resolves to the token with its secret: the one time the secret is known, as Lull stores only its hash. */
export function createToken(request: NewToken): Promise<CreatedToken> {
  return invoke<CreatedToken>("create_token", { request });
}

/** Resolves to the token as revoked; it is refused from the next request on. */
export function revokeToken(name: string): Promise<PublishToken> {
  return invoke<PublishToken>("revoke_token", { request: { name } satisfies TokenName });
}

export function fetchDesktop(): Promise<DesktopStatus> {
  return invoke<DesktopStatus>("desktop");
}

export function setAutostart(enabled: boolean): Promise<DesktopStatus> {
  return invoke<DesktopStatus>("set_autostart", { request: { enabled } satisfies SetAutostart });
}

/**
 * Keeps `secret` as the credential of `source` (`"ntfy/<id>"`, `"gotify/<id>"`, `"imap/<id>"`)
 * in the desktop's keyring, or forgets it when null; resolves to whether there was one to keep or
 * forget. Apart from the settings, and applied at once: the secret is never in the settings and
 * is never sent back.
 */
export function storeSecret(source: string, secret: string | null): Promise<boolean> {
  return invoke<boolean>("store_secret", { request: { source, secret } satisfies StoreSecret });
}

/** The core writes its messages to follow "lull: "; shown on their own they start a sentence. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
