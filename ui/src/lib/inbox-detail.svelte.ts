/**
 * What the detail pane shows for the message under the cursor: the whole message (the list holds
 * 400-character previews) and its story (the block it arrived in, the digest that released it),
 * each fetched once the cursor rests on it, so holding j does not fetch every message it passes;
 * and, after a refresh, the list's fresher state (pinned, snoozed, done) laid over the whole copy.
 *
 * A story is asked for only where it adds to what the message says itself (`needsStory`), and a
 * failure to get one is not worth an alert: without it the pane says less, not something wrong.
 * The same goes for the app a captured notification came from (`message_app`), asked once per
 * message that names one: without an answer there is no "Open in …" button, nothing else.
 */

import type { AppInfo } from "../bindings/AppInfo";
import type { Message } from "../bindings/Message";
import type { MessageStory } from "../bindings/MessageStory";
import { fetchMessage, messageApp, messageStory } from "./ipc";
import { needsStory } from "./message-story";

/** Holding j should not fetch every message it passes; the list's preview shows meanwhile. */
export const DETAIL_DELAY_MS = 60;

export class InboxDetail {
  readonly #current: () => Message | null;
  /** The whole message under the cursor, once fetched. */
  message = $state.raw<Message | null>(null);
  #story = $state.raw<{ id: number; story: MessageStory } | null>(null);

  /** The story of the message under the cursor, once fetched. */
  readonly story = $derived.by(() => {
    const story = this.#story;
    return story !== null && story.id === this.#current()?.id ? story.story : null;
  });

  readonly #storyFor = $derived.by(() => {
    const current = this.#current();
    return current !== null && needsStory(current) ? current.id : null;
  });

  #app = $state.raw<{ id: number; app: AppInfo | null } | null>(null);

  /** The installed app the message under the cursor came from, once `message_app` named one. */
  readonly app = $derived.by(() => {
    const app = this.#app;
    return app !== null && app.id === this.#current()?.id ? app.app : null;
  });

  /** The id of the message under the cursor when it names an app (the list's copy or the whole one). */
  readonly #appFor = $derived.by(() => {
    const current = this.#current();
    if (current === null) return null;
    const whole = this.message;
    const app = whole !== null && whole.id === current.id ? whole.app : current.app;
    return app ? current.id : null;
  });

  /**
   * Follows `current` (the list's copy under the cursor); `fail` hears a message that could not
   * be fetched. Creates effects: construct it while a component initialises.
   */
  constructor(current: () => Message | null, fail: (error: unknown) => void) {
    this.#current = current;

    $effect(() => {
      const id = this.#current()?.id;
      if (id === undefined) {
        this.message = null;
        return;
      }
      if (this.message?.id === id) return;
      this.message = null;
      return later(
        () =>
          fetchMessage(id).then(
            (message) => message,
            (error: unknown) => fail(error),
          ),
        (message) => {
          if (message !== undefined) this.message = message;
        },
      );
    });

    $effect(() => {
      const id = this.#storyFor;
      if (id === null || this.#story?.id === id) return;
      return later(
        () => messageStory(id).catch(() => undefined),
        (story) => {
          if (story !== undefined) this.#story = { id, story };
        },
      );
    });

    // An id, not the message: a refresh of the same message asks nothing again.
    $effect(() => {
      const id = this.#appFor;
      if (id === null || this.#app?.id === id) return;
      return later(
        () => messageApp(id).catch(() => undefined),
        (app) => {
          if (app !== undefined) this.#app = { id, app };
        },
      );
    });

    // After a refresh the message may have changed state (pinned, done); show the fresh copy.
    $effect(() => {
      const fresh = this.#current();
      const whole = this.message;
      if (fresh === null || whole === null || whole.id !== fresh.id) return;
      const changed =
        whole.state !== fresh.state ||
        whole.pinned !== fresh.pinned ||
        whole.pin_due !== fresh.pin_due ||
        whole.snoozed_until !== fresh.snoozed_until ||
        whole.done_at !== fresh.done_at;
      if (!changed) return;
      this.message = {
        ...whole,
        state: fresh.state,
        pinned: fresh.pinned,
        pin_due: fresh.pin_due,
        snoozed_until: fresh.snoozed_until,
        done_at: fresh.done_at,
      };
    });
  }
}

/**
 * Runs `fetch` after `DETAIL_DELAY_MS` and hands its answer to `land`, unless the function it
 * returns (an effect's teardown: the cursor moved on) is called first.
 */
function later<T>(fetch: () => Promise<T>, land: (answer: T) => void): () => void {
  let cancelled = false;
  const timer = setTimeout(() => {
    void fetch().then((answer) => {
      if (!cancelled) land(answer);
    });
  }, DETAIL_DELAY_MS);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
