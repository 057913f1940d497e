/**
 * The inbox's "Group by" as the window holds it: the grouping the list shows, the user's choice
 * while it is being saved, and the saving.
 *
 * The grouping is a setting (`inbox_grouping`), and the settings are written whole, so a choice
 * reads them first and writes them back with just that changed. The engine does not count a change
 * of settings as a change of the inbox (no `lull://inbox` event follows), so once saved the host
 * fetches the new groups itself. Choices are saved one at a time, in order: the last one pressed
 * is the one that stays.
 */

import type { Grouping } from "../bindings/Grouping";
import { fetchSettings, updateSettings } from "./settings-ipc";

export type GroupingHost = {
  /** The choice is saved: show the groups the engine makes now. */
  regroup(): Promise<void>;
  /** The settings could not be read or written. */
  fail(error: unknown): void;
};

export class GroupingChoice {
  /** What the control shows: the list's grouping, or the one just chosen while it is saved. */
  current = $state<Grouping>("sender");

  readonly #host: GroupingHost;
  /** The grouping of the groups shown, once known. */
  #shown: Grouping | null = null;
  /** The last list shown had no group to tell its grouping by. */
  #empty = false;
  /** Choices asked for and not yet saved and shown. */
  #choosing = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(host: GroupingHost) {
    this.#host = host;
  }

  /** Shows `grouping` as chosen at once, saves it, and has the host show the new groups. */
  choose(grouping: Grouping): Promise<void> {
    this.current = grouping;
    this.#choosing += 1;
    const run = this.#queue.then(() => this.#save(grouping)).finally(() => (this.#choosing -= 1));
    this.#queue = run;
    return run;
  }

  /**
   * The list now shows groups made `shown`; `null`: an empty inbox, with no group to tell by. Then
   * the settings say, read once: only for the control's sake, so a failure leaves it as it is
   * (choosing reads the settings again anyway).
   */
  showing(shown: Grouping | null): void {
    this.#empty = shown === null;
    if (shown !== null) {
      this.#shown = shown;
      if (this.#choosing === 0) this.current = shown;
      return;
    }
    if (this.#shown !== null) return;
    this.#shown = this.current;
    fetchSettings().then(
      (settings) => {
        this.#shown = settings.inbox_grouping;
        if (this.#choosing === 0 && this.#empty) this.current = settings.inbox_grouping;
      },
      () => undefined,
    );
  }

  async #save(grouping: Grouping): Promise<void> {
    try {
      const settings = await fetchSettings();
      if (settings.inbox_grouping !== grouping) await updateSettings({ ...settings, inbox_grouping: grouping });
    } catch (error) {
      this.#host.fail(error);
      // Unless another choice is on its way, back to the grouping the list shows.
      if (this.#choosing === 1) this.current = this.#shown ?? this.current;
      return;
    }
    await this.#host.regroup();
  }
}
