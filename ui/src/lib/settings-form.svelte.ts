/**
 * The settings form's state: the settings as the engine has them, the user's draft, what is wrong
 * with the draft, and why the last save was refused.
 *
 * Saving sends the whole draft in one `update_settings` call; the engine stores all of it or none.
 * The draft is checked as the user types (settings-check.ts), and a draft with a problem is not
 * sent. A problem is shown beside its field as soon as the user has done something that settles
 * it (typed into an ordinary field, ticked a box, left a field), but a time still being typed is
 * let finish: "1" on its way to "17:30" is not an end before the start yet. A problem goes away
 * the moment it is fixed. A refusal leaves the draft exactly as the user left it, so nothing typed is lost, and puts
 * the core's message beside the field it names, for as long as the draft is the one refused. Only
 * a successful save replaces the draft, with what the engine stored (it sorts windows and gives
 * new scheduled blocks their ids).
 */

import { check, fingerprint, tidy } from "./settings-check";
import { placeField } from "./settings-fields";
import { changedSections, type SectionId } from "./settings-sections";
import { toFailure, type Failure } from "./ipc";
import { asSentence, fetchSettings, updateSettings, type Settings } from "./settings-ipc";

const copy = (settings: Settings): Settings => $state.snapshot(settings);

const NO_PROBLEMS: ReadonlyMap<string, string> = new Map();
const NO_SECTIONS: ReadonlySet<SectionId> = new Set();

export class SettingsForm {
  saved = $state<Settings | null>(null);
  draft = $state<Settings | null>(null);
  loadError = $state<string | null>(null);
  saving = $state(false);
  /** Whether the last thing done was a save that went through (the view says "Saved" while clean). */
  justSaved = $state(false);

  /** The fields whose problems the user is shown (see `settle`). */
  #settled = $state<readonly string[]>([]);

  /** The engine's refusal of the last save, and the draft it refused. */
  #refused = $state<{ failure: Failure; draft: string } | null>(null);

  /** The draft as it would be sent. */
  readonly #tidied = $derived(this.draft === null ? null : tidy(this.draft));
  readonly #print = $derived(this.#tidied === null ? null : fingerprint(this.#tidied));

  readonly dirty = $derived(this.saved !== null && this.#print !== null && this.#print !== fingerprint(this.saved));

  /** What is wrong with the draft, by the core's field names: checked as the user types. */
  readonly problems = $derived<ReadonlyMap<string, string>>(this.#tidied === null ? NO_PROBLEMS : check(this.#tidied));

  /** The sections whose settings the draft changes. */
  readonly changed = $derived<ReadonlySet<SectionId>>(
    this.saved === null || this.#tidied === null ? NO_SECTIONS : changedSections(this.saved, this.#tidied),
  );

  /** The engine's refusal, while the draft is still the one it refused. */
  readonly rejection = $derived(
    this.#refused !== null && this.#refused.draft === this.#print ? this.#refused.failure : null,
  );

  /** Whether Save would send anything: changed, nothing to fix, not already saving. */
  readonly canSave = $derived(this.dirty && this.problems.size === 0 && !this.saving);

  async load(): Promise<void> {
    try {
      const settings = await fetchSettings();
      this.saved = settings;
      this.draft = copy(settings);
      this.loadError = null;
    } catch (error) {
      this.loadError = asSentence(toFailure(error).message);
    }
  }

  /** The message to show beside `field`, if any: the core's refusal first, then our own checks. */
  messageFor(field: string): string | null {
    if (this.rejection !== null && this.rejectionField === field) return asSentence(this.rejection.message);
    return this.#settled.includes(field) ? (this.problems.get(field) ?? null) : null;
  }

  /** Shows every problem the draft has now beside its field. */
  settle(): void {
    this.#show([...this.problems.keys()]);
  }

  /** Stops showing the problems that were fixed, and shows no new one (a time is being typed). */
  prune(): void {
    this.#show(this.#settled.filter((field) => this.problems.has(field)));
  }

  /** Replaces the shown fields only when they change: every message in the form depends on them. */
  #show(fields: string[]): void {
    const same = fields.length === this.#settled.length && fields.every((f, i) => f === this.#settled[i]);
    if (!same) this.#settled = fields;
  }

  /** The refusal's field when the form has a place for it; null shows the refusal at the top. */
  get rejectionField(): string | null {
    if (this.rejection === null || this.draft === null) return null;
    return placeField(this.rejection.field, {
      rules: this.draft.rules.length,
      schedule: this.draft.schedule.length,
      hooks: this.draft.hooks.length,
      ntfy: this.draft.ntfy.length,
      gotify: this.draft.gotify.length,
      imap: this.draft.imap.length,
      calendars: this.draft.calendars.length,
    });
  }

  /** The refusal to show at the top of the form, when it names no field the form shows. */
  get topMessage(): string | null {
    if (this.rejection === null || this.rejectionField !== null) return null;
    return asSentence(this.rejection.message);
  }

  /** Resolves to whether the engine stored the draft; a draft with a problem is not sent. */
  async save(): Promise<boolean> {
    this.settle();
    if (this.draft === null || this.saving || this.problems.size > 0) return false;
    const settings = tidy($state.snapshot(this.draft));
    const sent = fingerprint(settings);
    this.#refused = null;
    this.saving = true;
    try {
      const stored = await updateSettings(settings);
      this.saved = stored;
      this.draft = copy(stored);
      this.justSaved = true;
      return true;
    } catch (error) {
      this.#refused = { failure: toFailure(error), draft: sent };
      return false;
    } finally {
      this.saving = false;
    }
  }

  revert(): void {
    if (this.saved === null) return;
    this.draft = copy(this.saved);
    this.#refused = null;
    this.#settled = [];
    this.justSaved = false;
  }
}
