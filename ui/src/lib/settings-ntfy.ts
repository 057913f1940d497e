/**
 * The pure side of Settings › Sources › Remote ntfy topics: what a topic list typed as text
 * means, the subscription a new one starts as, and the name of its secret. What it shares with
 * the Gotify servers and the mail accounts (names, servers, the status line) is settings-remote.ts,
 * re-exported here.
 *
 * The limits are the core's (crates/core/src/subscriptions.rs); the form checks them as the user
 * types (settings-check.ts), and the core's refusal remains the authority. A subscription's
 * secret never passes through here: it goes from its field straight to the keyring.
 */

import type { NtfySubscription } from "../bindings/NtfySubscription";
import { tidyServer, uniqueId } from "./settings-remote";

export type { NtfySubscription };
export {
  MAX_ID,
  hostOf,
  isName,
  isServer,
  statusLine,
  tidyServer,
  uniqueId,
  type SourceStatus,
  type StatusTone,
} from "./settings-remote";

export const MAX_SUBSCRIPTIONS = 20;
export const MAX_TOPICS = 32;
export const MAX_TOPIC = 64;
export const MAX_USER = 256;

/** The server a new subscription follows. */
export const DEFAULT_SERVER = "https://ntfy.sh";

/** The topics in `text`, separated by commas or white space, each once, in the order typed. */
export function parseTopics(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((topic) => topic !== ""))];
}

/** The topics as the topics field shows them. */
export const formatTopics = (topics: readonly string[]): string => topics.join(", ");

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
