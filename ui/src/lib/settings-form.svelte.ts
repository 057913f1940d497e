/**
 * The settings form's state: the settings as the engine has them, the user's draft, and why the
 * last save was refused.
 *
 * Saving sends the whole draft in one `update_settings` call; the engine stores all of it or none.
 * A refusal leaves the draft exactly as the user left it, so nothing typed is lost, and puts the
 * core's message beside the field it names. Only a successful save replaces the draft, with what
 * the engine stored (it sorts windows and gives new scheduled blocks their ids).
 */

import { check, fingerprint, tidy } from "./settings-check";
import { placeField } from "./settings-fields";
import { toFailure, type Failure } from "./ipc";
import { asSentence, fetchSettings, updateSettings, type Settings } from "./settings-ipc";

const copy = (settings: Settings): Settings => $state.snapshot(settings);

/** `problems` is replaced whole, never changed in place ($state does not track a Map's insides). */
const NO_PROBLEMS: ReadonlyMap<string, string> = new Map();

export class SettingsForm {
  saved = $state<Settings | null>(null);
  draft = $state<Settings | null>(null);
  /** Problems found before sending, by field. */
  problems = $state<ReadonlyMap<string, string>>(NO_PROBLEMS);
  /** The engine's refusal of the last save, if it was refused. */
  rejection = $state<Failure | null>(null);
  loadError = $state<string | null>(null);
  saving = $state(false);
  /** Whether a save went through since the form was loaded (the view says "Saved" while clean). */
  justSaved = $state(false);

  readonly dirty = $derived(
    this.saved !== null && this.draft !== null && fingerprint(tidy(this.draft)) !== fingerprint(this.saved),
  );

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
    const placed = this.rejectionField;
    if (this.rejection !== null && placed === field) return asSentence(this.rejection.message);
    return this.problems.get(field) ?? null;
  }

  /** The refusal's field when the form has a place for it; null shows the refusal at the top. */
  get rejectionField(): string | null {
    if (this.rejection === null || this.draft === null) return null;
    return placeField(this.rejection.field, {
      rules: this.draft.rules.length,
      schedule: this.draft.schedule.length,
      hooks: this.draft.hooks.length,
    });
  }

  /** The refusal to show at the top of the form, when it names no field the form shows. */
  get topMessage(): string | null {
    if (this.rejection === null || this.rejectionField !== null) return null;
    return asSentence(this.rejection.message);
  }

  /** Resolves to whether the engine stored the draft. */
  async save(): Promise<boolean> {
    if (this.draft === null || this.saving) return false;
    const settings = tidy($state.snapshot(this.draft));
    this.problems = check(settings);
    this.rejection = null;
    if (this.problems.size > 0) return false;
    this.saving = true;
    try {
      const stored = await updateSettings(settings);
      this.saved = stored;
      this.draft = copy(stored);
      this.justSaved = true;
      return true;
    } catch (error) {
      this.rejection = toFailure(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  revert(): void {
    if (this.saved === null) return;
    this.draft = copy(this.saved);
    this.problems = NO_PROBLEMS;
    this.rejection = null;
  }
}
