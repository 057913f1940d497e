/**
 * The welcome guide's check that a test message came in: a message in the inbox sent with the
 * token just made (its `via` is the token's name), received since the token was made.
 *
 * The window cannot send one itself, by design: it talks to nothing but the engine (the CSP
 * allows no HTTP), and the engine has no command to publish from the window. So the user sends
 * from a terminal and the guide watches the inbox, once now and at every `lull://inbox`.
 */

import type { Message } from "../bindings/Message";
import { inboxGroup, inboxOverview, subscribeInbox } from "./ipc";

/** How many of the newest groups, and of each group's newest messages, are looked at. */
const GROUPS = 5;
const PER_GROUP = 5;
/** `created_at` and `received_at` are both the engine's clock, but need not share a precision. */
const SLACK_MS = 5000;

/** The newest message sent with the token `name` since `since` (ISO 8601), if one is in the inbox. */
export async function findArrival(name: string, since: string): Promise<Message | null> {
  const from = Date.parse(since) - SLACK_MS;
  const overview = await inboxOverview();
  // Groups come newest first: a message just sent is in one of the first.
  const recent = overview.groups.filter((g) => Date.parse(g.newest_at) >= from).slice(0, GROUPS);
  for (const group of recent) {
    const page = await inboxGroup(group.key, null, PER_GROUP);
    const found = page.messages.find((m) => m.via === name && Date.parse(m.received_at) >= from);
    if (found !== undefined) return found;
  }
  return null;
}

/**
 * Calls `onArrival` once, with the first message `findArrival` finds, looking once subscribed and
 * after each change of the inbox. Returns the function that stops watching.
 */
export function watchArrival(name: string, since: string, onArrival: (message: Message) => void): () => void {
  let done = false;
  let unsubscribe: (() => void) | null = null;
  const look = (): void => {
    findArrival(name, since).then(
      (found) => {
        if (found === null || done) return;
        stop();
        onArrival(found);
      },
      // A failed look is tried again at the next change; the step says it is still waiting.
      () => undefined,
    );
  };
  const stop = (): void => {
    done = true;
    unsubscribe?.();
  };
  // Subscribed first, then looked: nothing can arrive unseen between the two.
  subscribeInbox(look).then(
    (unlisten) => {
      if (done) return unlisten();
      unsubscribe = unlisten;
      look();
    },
    () => look(),
  );
  return stop;
}

/** How the arrival is named on screen: its title, or else the start of its body. */
export function arrivalName(message: Message): string {
  const title = message.title?.trim();
  if (title) return title;
  const body = message.body.trim();
  return body.length > 80 ? `${body.slice(0, 80)}…` : body;
}
