/**
 * The welcome guide's state: four steps over one draft of the settings, which finishing writes in
 * one `update_settings` before it ends the first run.
 *
 * The decision to know: nothing is saved step by step. Finishing saves all of it or none (the
 * engine's rule), and a refusal takes the user back to the step it concerns, with the engine's
 * message, and keeps the guide open. Skipping saves nothing and ends the first run with the
 * settings as they are stored, which the guide says beside the Skip button. A publish token is
 * the one exception, as in Settings › Sources: it exists from the moment it is made, since that
 * is the only moment its secret can be shown.
 */

import type { Message } from "../bindings/Message";
import { t } from "./i18n";
import { asSentence, createToken, fetchDesktop, fetchSettings, fetchSources, updateSettings } from "./settings-ipc";
import type { CreatedToken, DesktopStatus, Settings, Sources } from "./settings-ipc";
import { fingerprint, tidy } from "./settings-check";
import { newToken } from "./settings-tokens";
import { toFailure, type Failure } from "./ipc";
import { checkWorkDay, describeWeek, weekOf, workDayOf, type WorkDay } from "./welcome-hours";
import type { WindowState } from "./window-state.svelte";

/** The steps in order; each one's title is read from the catalogue (`welcome.steps`) when shown. */
export const STEPS = (["hours", "hold", "send", "focus"] as const).map((id) => ({
  id,
  get title() {
    return t(`welcome.steps.${id}`);
  },
}));

/** The block the last step offers to start. */
export const FIRST_BLOCK_MINUTES = 25;

/** The name the new token's field starts with. */
export const TOKEN_NAME = t("welcome.send.tokenName");

/** The zone the engine reads work hours in: the system's, which the web view reports too. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Something to fix, at the step it concerns; `field` is the input it is about, if the step has one. */
export type Problem = { step: number; field: string | null; message: string };

/** The step a refusal of the settings concerns, by the field the engine names; null for none of them. */
function stepOf(field: string | undefined): number | null {
  if (field === "work_hours" || field?.startsWith("work_hours.")) return 0;
  if (field === "capture_desktop" || field === "desktop_dnd") return 1;
  return null;
}

/** What Lull does with other apps' notifications under these two settings, in a few words. */
export function holdWords(capture: boolean, dnd: boolean): string {
  if (capture && dnd) return t("welcome.holdWords.held");
  if (capture) return t("welcome.holdWords.recorded");
  if (dnd) return t("welcome.holdWords.silenced");
  return t("welcome.holdWords.alone");
}

export class WelcomeFlow {
  step = $state(0);
  /** The settings as the engine has them; null until loaded. */
  saved = $state<Settings | null>(null);
  loading = $state(true);
  loadError = $state<string | null>(null);
  desktop = $state<DesktopStatus | null>(null);
  desktopError = $state<string | null>(null);
  sources = $state<Sources | null>(null);
  sourcesError = $state<string | null>(null);

  /** The work day the first step edits. */
  day = $state<WorkDay>({
    days: [],
    start: "09:00",
    end: "17:30",
    pause: false,
    pauseStart: "12:00",
    pauseEnd: "13:00",
  });
  /**
   * Whether finishing writes `day` into the week. False while the saved week is one the work
   * day cannot show (see welcome-hours.ts) and the user has not chosen to replace it.
   */
  replaceWeek = $state(true);
  /** Both `capture_desktop` and `desktop_dnd`; null keeps them as saved when they differ. */
  hold = $state<boolean | null>(true);

  tokenName = $state(TOKEN_NAME);
  tokenProblem = $state<string | null>(null);
  making = $state(false);
  /** The token made in this guide, with its secret; the test message is sent with it. */
  fresh = $state<CreatedToken | null>(null);
  /** The first message that came in with `fresh`. */
  arrived = $state<Message | null>(null);

  problem = $state<Problem | null>(null);
  busy = $state(false);

  /** The window's state, which ends the first run and starts the block (read when needed). */
  readonly #win: () => WindowState;

  constructor(win: () => WindowState) {
    this.#win = win;
  }

  async load(): Promise<void> {
    this.loading = true;
    const [settings, desktop, sources] = await Promise.allSettled([fetchSettings(), fetchDesktop(), fetchSources()]);
    if (settings.status === "fulfilled") {
      this.saved = settings.value;
      const { day, exact } = workDayOf(settings.value.work_hours.week);
      this.day = day;
      this.replaceWeek = exact;
      const { capture_desktop: capture, desktop_dnd: dnd } = settings.value;
      this.hold = capture === dnd ? capture : null;
      this.loadError = null;
    } else {
      this.loadError = asSentence(toFailure(settings.reason).message);
    }
    if (desktop.status === "fulfilled") this.desktop = desktop.value;
    else this.desktopError = asSentence(toFailure(desktop.reason).message);
    if (sources.status === "fulfilled") this.sources = sources.value;
    else this.sourcesError = asSentence(toFailure(sources.reason).message);
    this.loading = false;
  }

  get last(): boolean {
    return this.step === STEPS.length - 1;
  }

  /** The settings as finishing would save them; null until they are loaded. */
  get draft(): Settings | null {
    if (this.saved === null) return null;
    const settings = $state.snapshot(this.saved);
    if (this.replaceWeek) settings.work_hours.week = weekOf($state.snapshot(this.day));
    if (this.hold !== null) {
      settings.capture_desktop = this.hold;
      settings.desktop_dnd = this.hold;
    }
    return tidy(settings);
  }

  /** "Mon–Fri 09:00–12:00, 13:00–17:30; other apps' notifications held in Focus and Quiet". */
  describe(settings: Settings): string {
    const week = describeWeek(settings.work_hours.week);
    const hold = holdWords(settings.capture_desktop, settings.desktop_dnd);
    return t("welcome.summary", { week, zone: TIME_ZONE, hold });
  }

  /** The message for `field` of this step, if it has one. */
  messageAt(step: number, field: string | null): string | null {
    return this.problem?.step === step && this.problem.field === field ? this.problem.message : null;
  }

  /** Moves on, once the step's input can be saved; resolves to whether it moved. */
  next(): boolean {
    if (this.step === 0 && !this.#checkHours()) return false;
    this.problem = null;
    this.step = Math.min(this.step + 1, STEPS.length - 1);
    return true;
  }

  back(): void {
    this.problem = null;
    this.step = Math.max(0, this.step - 1);
  }

  async makeToken(): Promise<boolean> {
    if (this.making) return false;
    const name = this.tokenName.trim();
    if (name === "") {
      this.tokenProblem = t("welcome.send.tokenNameMissing");
      return false;
    }
    this.making = true;
    this.tokenProblem = null;
    try {
      this.fresh = await createToken(newToken(name, "", ""));
      this.arrived = null;
      return true;
    } catch (error) {
      this.tokenProblem = asSentence(toFailure(error).message);
      return false;
    } finally {
      this.making = false;
    }
  }

  /**
   * Saves what the steps changed, then ends the first run, then starts the first block if asked.
   * Resolves to whether the guide is done; if not, `problem` says why, at its step.
   */
  async finish(startBlock: boolean): Promise<boolean> {
    if (this.busy) return false;
    if (!this.#checkHours()) {
      this.step = 0;
      return false;
    }
    this.busy = true;
    this.problem = null;
    try {
      const draft = this.draft;
      if (draft !== null && this.saved !== null && fingerprint(draft) !== fingerprint(this.saved)) {
        try {
          this.saved = await updateSettings(draft);
        } catch (error) {
          this.#refused(toFailure(error));
          return false;
        }
      }
      if (!(await this.#endFirstRun())) return false;
    } finally {
      this.busy = false;
    }
    // A block that cannot start is the window's to say (its alert); the setup itself is done.
    if (startBlock) await this.#win().start(FIRST_BLOCK_MINUTES * 60, "");
    return true;
  }

  /** Ends the first run with the settings as stored; resolves to whether it did. */
  async skip(): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.problem = null;
    try {
      return await this.#endFirstRun();
    } finally {
      this.busy = false;
    }
  }

  /** Run again from Settings, the first run is long over: there is nothing to end. */
  async #endFirstRun(): Promise<boolean> {
    if (this.#win().status?.first_run === false) return true;
    const failure = await this.#win().finishFirstRun();
    if (failure === null) return true;
    this.problem = { step: this.step, field: null, message: asSentence(failure.message) };
    return false;
  }

  #checkHours(): boolean {
    if (!this.replaceWeek) return true;
    const found = checkWorkDay(this.day);
    if (found === null) return true;
    this.problem = { step: 0, field: found.field, message: found.message };
    return false;
  }

  #refused(failure: Failure): void {
    const step = stepOf(failure.field) ?? this.step;
    this.step = step;
    this.problem = { step, field: null, message: t("welcome.refused", { message: asSentence(failure.message) }) };
  }
}
