/**
 * What the remote sources of Settings › Sources share: ntfy topics, Gotify servers and mail
 * accounts each have an id that names their secret, most have a server address, a new one gets a
 * name of its own, and each says how it is doing in one line.
 *
 * The limits are the core's (crates/core/src/subscriptions.rs); the form checks them as the user
 * types (settings-check.ts), and the core's refusal remains the authority. No secret passes
 * through here: each goes from its field straight to the keyring (SourceSecret.svelte).
 */

import type { SourceStatus } from "../bindings/SourceStatus";
import { formatTimestamp } from "./dates";
import { t } from "./i18n";

export type { SourceStatus };

/** The longest id of a subscription or an account. */
export const MAX_ID = 32;

const NAME = /^[A-Za-z0-9_-]+$/;

/** Whether `text` is a name (an id or an ntfy topic) of 1 to `max` letters, digits, `-` and `_`. */
export const isName = (text: string, max: number): boolean => text.length <= max && NAME.test(text);

/** The server as the core keeps it: trimmed, without a trailing `/`. */
export const tidyServer = (server: string): string => server.trim().replace(/\/+$/, "");

/** Whether the core takes `server`: an http:// or https:// address with a host, no query, fragment or space. */
export function isServer(server: string): boolean {
  const text = tidyServer(server);
  if (!/^https?:\/\/[^/?#\s]+/i.test(text) || /[\s?#]/.test(text)) return false;
  try {
    return new URL(text).host !== "";
  } catch {
    return false;
  }
}

/** The server's host, as the status line names it: `ntfy.example.org`; a bare host stays as it is. */
export function hostOf(server: string): string {
  try {
    return new URL(tidyServer(server)).host || server;
  } catch {
    return server;
  }
}

/**
 * A name no other item has: `name` when it is one ("alerts"), else `stem`; "-2", "-3"… added
 * when taken, and the stem alone is always numbered ("ntfy-1").
 */
export function uniqueId(name: string | undefined, taken: Iterable<string>, stem = "ntfy"): string {
  const used = new Set(taken);
  const base = name !== undefined && isName(name, MAX_ID) ? name : null;
  if (base !== null && !used.has(base)) return base;
  const start = base ?? stem;
  for (let n = base === null ? 1 : 2; ; n++) {
    const suffix = `-${n}`;
    const id = start.slice(0, MAX_ID - suffix.length) + suffix;
    if (!used.has(id)) return id;
  }
}

export type StatusTone = "good" | "quiet" | "problem";

export type StatusLine = { text: string; tone: StatusTone };

/**
 * What a subscription (or one mail folder) is doing, in one line; `status` is null until the
 * engine knows it (not saved yet). `server` is an address or a bare host, which the line names.
 */
export function statusLine(status: SourceStatus | null, server: string, nowMs: number): StatusLine {
  if (status === null) return { text: t("settings.remote.status.unsaved"), tone: "quiet" };
  const detail = status.detail?.trim() || null;
  switch (status.state) {
    case "off":
      return { text: t("settings.remote.status.off"), tone: "quiet" };
    case "starting":
      return { text: t("settings.remote.status.starting"), tone: "quiet" };
    case "running":
      return { text: t("settings.remote.status.running"), tone: "good" };
    case "refused":
      return {
        text:
          detail === null ? t("settings.remote.status.refusedBare") : t("settings.remote.status.refused", { detail }),
        tone: "problem",
      };
    case "unavailable":
      return {
        text:
          detail === null
            ? t("settings.remote.status.unavailableBare")
            : t("settings.remote.status.unavailable", { detail }),
        tone: "problem",
      };
    case "unreachable": {
      const host = hostOf(server);
      const text =
        detail === null
          ? t("settings.remote.status.unreachableBare", { host })
          : status.since === undefined
            ? t("settings.remote.status.unreachable", { host, detail })
            : t("settings.remote.status.unreachableSince", {
                host,
                detail,
                since: formatTimestamp(status.since, nowMs),
              });
      return { text, tone: "problem" };
    }
  }
}

/** Statuses by id, read once per answer of `sources`; undefined while they load, null for an id the engine does not run yet. */
export function statusFinder(
  statuses: readonly { id: string; status: SourceStatus }[] | null,
): (id: string) => SourceStatus | null | undefined {
  if (statuses === null) return () => undefined;
  const byId = new Map(statuses.map((s) => [s.id, s.status]));
  return (id) => byId.get(id) ?? null;
}
