/**
 * The pure side of Settings › Sources › Gotify servers: the server a new one starts as, the name
 * it takes from its address, and the name of its client token in the keyring.
 *
 * A Gotify server is followed whole (every application's messages) with a client token, which
 * is the one secret: it is never in the settings. The limits are the core's
 * (crates/core/src/subscriptions.rs); see settings-remote.ts for what all remote sources share.
 */

import type { GotifySubscription } from "../bindings/GotifySubscription";
import { hostOf, isServer, tidyServer, uniqueId } from "./settings-remote";

export type { GotifySubscription };

export const MAX_GOTIFY = 20;

/** What a server's name starts as until it has an address of its own: "gotify-1". */
const STEM = "gotify";

/**
 * The name a server's address suggests: its host's first label ("push" for
 * https://push.example.org), or undefined for an address that suggests none (an IP address).
 */
export function idFromServer(server: string): string | undefined {
  if (!isServer(server)) return undefined;
  const host = hostOf(server).replace(/:\d+$/, "");
  if (/^[\d.]+$/.test(host) || host.startsWith("[")) return undefined;
  return host.split(".")[0]?.toLowerCase();
}

/** The name a server takes from `server`, unless another server has it. */
export const gotifyId = (server: string, taken: Iterable<string>): string =>
  uniqueId(idFromServer(server), taken, STEM);

/** A new server beside `others`: no address yet, on, with a name of its own. */
export function newGotify(others: readonly GotifySubscription[]): GotifySubscription {
  return {
    id: gotifyId(
      "",
      others.map((s) => s.id),
    ),
    server: "",
    enabled: true,
  };
}

/** The server as it is sent: its address tidied as the core tidies it. */
export const tidyGotify = (subscription: GotifySubscription): GotifySubscription => ({
  ...subscription,
  id: subscription.id.trim(),
  server: tidyServer(subscription.server),
});

/** The keyring's name for a server's client token, as `store_secret` takes it. */
export const gotifySecret = (id: string): string => `gotify/${id}`;
