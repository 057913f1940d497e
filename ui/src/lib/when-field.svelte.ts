/**
 * A time as a person types it ("2h", "mon 9", "friday", "tomorrow 9:30") and what it reads as,
 * for the snooze and pin dialogs' typed field and its live preview.
 *
 * The engine's parser (`parse_when`, the CLI's too) is the only one: the window never guesses what
 * text means. The field asks a short pause after the typing stops, and only the answer for the
 * latest ask is kept, so a slow answer for "fr" cannot overwrite the one for "fri". Enter does not
 * wait for the pause: `resolve` asks at once. While a new answer is on its way the last one stays
 * shown (`pending` says it is old), so the preview does not flicker at each key.
 */

import { t } from "./i18n";
import { toFailure } from "./ipc";
import { realTimers, type Timers } from "./timers";

export type Reading =
  /** Nothing typed. */
  | { kind: "empty" }
  | { kind: "at"; at: string }
  /** The engine's words for why not (`invalid_time`: unreadable, or not in the future). */
  | { kind: "invalid"; message: string };

/** How long the typing must pause before the field asks the engine. */
export const PREVIEW_DELAY_MS = 120;

export class WhenField {
  text = $state("");
  reading = $state.raw<Reading>({ kind: "empty" });
  /** An answer for the current text is still to come. */
  pending = $state(false);

  readonly #parse: (text: string) => Promise<string>;
  readonly #timers: Timers;
  readonly #delayMs: number;
  #timer: unknown = null;
  /** Counts the asks; an answer is kept only if no later ask was made. */
  #asks = 0;

  /** `parse`: the engine's `parse_when` (see ipc.ts), resolving to an instant or rejecting with why. */
  constructor(parse: (text: string) => Promise<string>, timers: Timers = realTimers, delayMs = PREVIEW_DELAY_MS) {
    this.#parse = parse;
    this.#timers = timers;
    this.#delayMs = delayMs;
  }

  /** The text as typed now; the preview follows after the pause. */
  input(text: string): void {
    this.text = text;
    this.#cancel();
    if (text.trim() === "") {
      this.#asks += 1;
      this.reading = { kind: "empty" };
      this.pending = false;
      return;
    }
    this.pending = true;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.#ask();
    }, this.#delayMs);
  }

  /**
   * The instant the text means, asked now (Enter); `null` when nothing is typed, when the engine
   * cannot read it (`reading` then says why), or when newer text was typed meanwhile.
   */
  resolve(): Promise<string | null> {
    this.#cancel();
    if (this.text.trim() === "") return Promise.resolve(null);
    return this.#ask();
  }

  /** Clears the text and its reading. */
  clear(): void {
    this.input("");
  }

  /** Stops asking: late answers are dropped (the dialog has gone). */
  dispose(): void {
    this.#cancel();
    this.#asks += 1;
  }

  async #ask(): Promise<string | null> {
    const ask = ++this.#asks;
    this.pending = true;
    let reading: Reading;
    try {
      reading = { kind: "at", at: await this.#parse(this.text) };
    } catch (error) {
      reading = { kind: "invalid", message: refusal(error) };
    }
    if (ask !== this.#asks) return null;
    this.reading = reading;
    this.pending = false;
    return reading.kind === "at" ? reading.at : null;
  }

  #cancel(): void {
    if (this.#timer === null) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}

function refusal(error: unknown): string {
  const failure = toFailure(error);
  // The parser's own words say what it could not read; anything else is the engine not answering.
  return failure.code === "invalid_time" ? failure.message : t("inbox.when.unreadable", { reason: failure.message });
}
