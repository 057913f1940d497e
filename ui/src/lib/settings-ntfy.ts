/**
 * The pure side of Settings › Sources › Remote ntfy topics: what a topic list typed as text
 * means, the name a new subscription gets, and the line that says how a subscription is doing.
 *
 * The limits are the core's (crates/core/src/subscriptions.rs); the form checks them as the user
 * types (settings-check.ts), and the core's refusal remains the authority. A subscription's
 * secret never passes through here: it goes from its field straight to the keyring.
 */

import type { NtfySubscription } from "../bindings/NtfySubscription";
import type { SourceStatus } from "../bindings/SourceStatus";
import { formatTimestamp } from "./dates";
import { t } from "./i18n";

export type { NtfySubscription, SourceStatus };

export const MAX_SUBSCRIPTIONS = 20;
export const MAX_ID = 32;
export const MAX_TOPICS = 32;
export const MAX_TOPIC = 64;
export const MAX_USER = 256;

/** The server a new subscription follows. */
export const DEFAULT_SERVER = "https://ntfy.sh";

const NAME = /^[A-Za-z0-9_-]+$/;

/** Whether `text` is an ntfy name (an id or a topic) of 1 to `max` letters, digits, `-` and `_`. */
export const isName = (text: string, max: number): boolean => text.length <= max && NAME.test(text);

/** The topics in `text`, separated by commas or white space, each once, in the order typed. */
export function parseTopics(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((topic) => topic !== ""))];
}

/** The topics as the topics field shows them. */
export const formatTopics = (topics: readonly string[]): string => topics.join(", ");

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

/** The server's host, as the status line names it: `ntfy.example.org`. */
export function hostOf(server: string): string {
  try {
    return new URL(tidyServer(server)).host || server;
  } catch {
    return server;
  }
}

/**
 * A name no other subscription has: the first topic when it is one ("alerts"), else "ntfy";
 * "-2", "-3"… added when taken, and "ntfy" alone is always numbered ("ntfy-1").
 */
export function uniqueId(topic: string | undefined, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = topic !== undefined && isName(topic, MAX_ID) ? topic : null;
  if (base !== null && !used.has(base)) return base;
  const stem = base ?? "ntfy";
  for (let n = base === null ? 1 : 2; ; n++) {
    const suffix = `-${n}`;
    const id = stem.slice(0, MAX_ID - suffix.length) + suffix;
    if (!used.has(id)) return id;
  }
}

/** A new subscription beside `others`: ntfy.sh, no sign-in, on, with a name of its own. */
export function newSubscription(others: readonly NtfySubscription[]): NtfySubscription {
  return {
    id: uniqueId(
      undefined,
      others.map((s) => s.id),
    ),
    server: DEFAULT_SERVER,
    topics: [],
    auth: { kind: "none" },
    enabled: true,
  };
}

/** The subscription as it is sent: the server tidied as the core tidies it. */
export const tidySubscription = (subscription: NtfySubscription): NtfySubscription => ({
  ...subscription,
  id: subscription.id.trim(),
  server: tidyServer(subscription.server),
});

/** The keyring's name for a subscription's secret, as `store_secret` takes it. */
export const secretSource = (id: string): string => `ntfy/${id}`;

export type StatusTone = "good" | "quiet" | "problem";

/** What a subscription is doing, in one line; `status` is null until the engine knows it (not saved yet). */
export function statusLine(
  status: SourceStatus | null,
  server: string,
  nowMs: number,
): { text: string; tone: StatusTone } {
  if (status === null) return { text: t("settings.ntfy.status.unsaved"), tone: "quiet" };
  const detail = status.detail?.trim() || null;
  switch (status.state) {
    case "off":
      return { text: t("settings.ntfy.status.off"), tone: "quiet" };
    case "starting":
      return { text: t("settings.ntfy.status.starting"), tone: "quiet" };
    case "running":
      return { text: t("settings.ntfy.status.running"), tone: "good" };
    case "refused":
      return {
        text: detail === null ? t("settings.ntfy.status.refusedBare") : t("settings.ntfy.status.refused", { detail }),
        tone: "problem",
      };
    case "unavailable":
      return {
        text:
          detail === null
            ? t("settings.ntfy.status.unavailableBare")
            : t("settings.ntfy.status.unavailable", { detail }),
        tone: "problem",
      };
    case "unreachable": {
      const host = hostOf(server);
      const text =
        detail === null
          ? t("settings.ntfy.status.unreachableBare", { host })
          : status.since === undefined
            ? t("settings.ntfy.status.unreachable", { host, detail })
            : t("settings.ntfy.status.unreachableSince", { host, detail, since: formatTimestamp(status.since, nowMs) });
      return { text, tone: "problem" };
    }
  }
}
