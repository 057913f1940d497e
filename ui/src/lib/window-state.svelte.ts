/**
 * What the window knows: the engine's last `Status`, the last failure, and whether a command is in
 * flight.
 *
 * The engine owns the state; this only mirrors it. Commands do not patch the local copy: after one
 * succeeds the window asks for a fresh status, and every `lull://status` event replaces it. Since
 * answers and events can cross, each status carries a ticket, and one is applied only if nothing
 * newer has landed since it was asked for.
 */

import type { Status } from "../bindings/Status";
import { takeBootStatus } from "./boot";
import {
  acceptProposal,
  clearOverrides,
  doneForToday,
  extendFocus,
  fetchStatus,
  finishFirstRun,
  moveProposal,
  skipProposal,
  startFocus,
  stopFocus,
  subscribeStatus,
  toFailure,
  workingLate,
  type Failure,
} from "./ipc";

export class WindowState {
  status = $state<Status | null>(null);
  /** When `status` arrived (wall-clock ms): the engine counted the running block up to about then. */
  statusAt = $state(0);
  error = $state<Failure | null>(null);
  busy = $state(false);

  #issued = 0;
  #applied = 0;

  /**
   * Follows the engine: subscribes to status events and, once subscribed, fetches the status (in
   * that order, so no change can slip between the two); then refetches whenever the window
   * becomes visible again, which also covers waking from suspend. Returns the function that stops
   * following.
   */
  connect(): () => void {
    let closed = false;
    let unsubscribe: (() => void) | null = null;

    // The status the shell read when it opened the window: shown at once, then kept up to date.
    const booted = takeBootStatus();
    if (booted !== undefined) this.#set(booted);

    // Unlistening takes a round trip; events already on their way must not land after closing.
    const subscribed = subscribeStatus((status) => {
      if (!closed) this.#applyEvent(status);
    }).then(
      (stop) => {
        if (closed) stop();
        else unsubscribe = stop;
      },
      (error: unknown) => {
        if (!closed) this.error = toFailure(error);
      },
    );
    void subscribed.then(() => (closed ? undefined : this.refresh()));

    const onVisibilityChange = (): void => {
      if (!document.hidden) void this.refresh();
    };
    document.addEventListener("visibilitychange", onVisibilityChange);

    return () => {
      closed = true;
      unsubscribe?.();
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }

  /** Fetches the status; a failure is shown, not thrown. */
  async refresh(): Promise<void> {
    try {
      await this.#fetch();
    } catch (error) {
      this.error = toFailure(error);
    }
  }

  /** Starts a block; resolves to whether it started. A blank intent is sent as none. */
  start(durationSecs: number, intent: string): Promise<boolean> {
    const trimmed = intent.trim();
    return this.#run(() => startFocus(durationSecs, trimmed === "" ? null : trimmed));
  }

  extend(secs: number): Promise<boolean> {
    return this.#run(() => extendFocus(secs));
  }

  stop(): Promise<boolean> {
    return this.#run(() => stopFocus());
  }

  /** Books the proposal starting at `start` (an ISO instant, as the status carries it). */
  acceptProposal(start: string): Promise<boolean> {
    return this.#run(() => acceptProposal(start));
  }

  skipProposal(start: string): Promise<boolean> {
    return this.#run(() => skipProposal(start));
  }

  /** Books the proposal starting at `start` at `to` instead; a refusal says why in `error`. */
  moveProposal(start: string, to: string): Promise<boolean> {
    return this.#run(() => moveProposal(start, to));
  }

  /** Open until `until` ("HH:MM") although work hours are over. */
  workLate(until: string): Promise<boolean> {
    return this.#run(() => workingLate(until));
  }

  doneForToday(): Promise<boolean> {
    return this.#run(() => doneForToday());
  }

  /** Ends "working late" and "done for today" alike. */
  backToSchedule(): Promise<boolean> {
    return this.#run(() => clearOverrides());
  }

  /**
   * Ends the first run and shows the status it answers with; resolves to why it could not, or
   * null. Unlike the commands above it leaves `error` alone: the welcome guide says it where
   * the user asked.
   */
  async finishFirstRun(): Promise<Failure | null> {
    try {
      await this.#fetch(finishFirstRun);
      return null;
    } catch (error) {
      return toFailure(error);
    }
  }

  dismissError(): void {
    this.error = null;
  }

  /** Runs one command at a time; a second click while one is in flight is ignored. */
  async #run(command: () => Promise<unknown>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await command();
    } catch (error) {
      this.error = toFailure(error);
      this.busy = false;
      return false;
    }
    // The command took effect even if this fetch fails; the next status event will catch up.
    await this.refresh();
    this.busy = false;
    return true;
  }

  /** Applies the status `read` answers with, unless something newer landed meanwhile. */
  async #fetch(read: () => Promise<Status> = fetchStatus): Promise<void> {
    const ticket = ++this.#issued;
    const status = await read();
    if (ticket > this.#applied) {
      this.#applied = ticket;
      this.#set(status);
    }
  }

  #applyEvent(status: Status): void {
    // An event is newer than any answer to a request sent before it arrived.
    this.#applied = ++this.#issued;
    this.#set(status);
  }

  #set(status: Status): void {
    this.status = status;
    this.statusAt = Date.now();
  }
}
