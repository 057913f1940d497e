/**
 * The window's doorway to the engine: the focus, inbox and override commands and every event.
 *
 * Each command that takes input takes one `request`, of the type `lull_core::request` declares for
 * it (generated into `../bindings/`), the same one the HTTP API and the CLI send. A rejected
 * command carries an `ErrorBody`; anything else that rejects (no Tauri at all, a command that does
 * not exist) is folded into the same shape, with the code `ipc`, so the window has one failure type.
 */

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppInfo } from "../bindings/AppInfo";
import type { DoneAll } from "../bindings/DoneAll";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { ExtendFocus } from "../bindings/ExtendFocus";
import type { FocusBlock } from "../bindings/FocusBlock";
import type { GroupKey } from "../bindings/GroupKey";
import type { Ids } from "../bindings/Ids";
import type { InboxGroupRequest } from "../bindings/InboxGroupRequest";
import type { InboxList } from "../bindings/InboxList";
import type { InboxOverview } from "../bindings/InboxOverview";
import type { InboxPage } from "../bindings/InboxPage";
import type { InboxView } from "../bindings/InboxView";
import type { Message } from "../bindings/Message";
import type { MessageStory } from "../bindings/MessageStory";
import type { OpenLink } from "../bindings/OpenLink";
import type { ParseWhen } from "../bindings/ParseWhen";
import type { Pin } from "../bindings/Pin";
import type { ProposalAt } from "../bindings/ProposalAt";
import type { ProposalMove } from "../bindings/ProposalMove";
import type { ProposedBlock } from "../bindings/ProposedBlock";
import type { PinState } from "../bindings/PinState";
import type { Search } from "../bindings/Search";
import type { Snooze } from "../bindings/Snooze";
import type { SnoozeChoice } from "../bindings/SnoozeChoice";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import type { StartFocus } from "../bindings/StartFocus";
import type { Status } from "../bindings/Status";
import type { Until } from "../bindings/Until";
import type { WorkingLate } from "../bindings/WorkingLate";
import { dropBootInbox, takeBootOverview, takeBootPage } from "./boot";
import { t } from "./i18n";
import type { View } from "./view";

/** Emitted by the engine with the whole `Status` after every change of state. */
export const STATUS_EVENT = "lull://status";
/** The inbox changed (arrivals, digests, triage); no payload, at most a few times a second. */
export const INBOX_EVENT = "lull://inbox";
/** The tray or a notification asks the open window to show a view. */
export const NAVIGATE_EVENT = "lull://navigate";

// Focus blocks.

export function fetchStatus(): Promise<Status> {
  return invoke<Status>("status");
}

export function startFocus(durationSecs: number, intent: string | null): Promise<FocusBlock> {
  return invoke<FocusBlock>("start_focus", { request: { duration_secs: durationSecs, intent } satisfies StartFocus });
}

export function extendFocus(secs: number): Promise<FocusBlock> {
  return invoke<FocusBlock>("extend_focus", { request: { secs } satisfies ExtendFocus });
}

export function stopFocus(): Promise<FocusBlock> {
  return invoke<FocusBlock>("stop_focus");
}

// Focus time booked for you: the proposals come with every `Status`; these answer one, named by
// its start as the engine sent it.

/** Books the proposal: a block starts at its time (at once, if its time has come). */
export function acceptProposal(start: string): Promise<ProposedBlock> {
  return invoke<ProposedBlock>("accept_proposal", { request: { start } satisfies ProposalAt });
}

/** Not today: that time is not proposed again today (on a booked block: takes it back). */
export function skipProposal(start: string): Promise<null> {
  return invoke<null>("skip_proposal", { request: { start } satisfies ProposalAt });
}

/** Books the proposal at `to` instead; rejects with `proposal_conflict` and why when `to` is not free. */
export function moveProposal(start: string, to: string): Promise<ProposedBlock> {
  return invoke<ProposedBlock>("move_proposal", { request: { start, to } satisfies ProposalMove });
}

// The first run.

/**
 * Ends the first run (idempotent): from now on the work hours, `capture_desktop` and
 * `desktop_dnd` apply. Resolves to the status as it is then.
 */
export function finishFirstRun(): Promise<Status> {
  return invoke<Status>("finish_first_run");
}

// Overrides of the schedule. Each answers the instant it lasts until (ISO 8601).

/** Open until `until` ("HH:MM", local) although the work day is over. */
export function workingLate(until: string): Promise<string> {
  return invoke<string>("working_late", { request: { until } satisfies WorkingLate });
}

/** Quiet until the next work window. */
export function doneForToday(): Promise<string> {
  return invoke<string>("done_for_today");
}

/** Back to the schedule: ends both overrides. */
export function clearOverrides(): Promise<null> {
  return invoke<null>("clear_overrides");
}

// The inbox.

/** The not-done, not-snoozed inbox in groups, newest group first. */
export function inboxOverview(): Promise<InboxOverview> {
  const booted = takeBootOverview();
  if (booted !== undefined) return Promise.resolve(booted);
  return invoke<InboxOverview>("inbox_overview");
}

/** One page of a group, newest first; pass the page's `next` back as `after`. Bodies are previews. */
export function inboxGroup(key: GroupKey, after: string | null, limit: number): Promise<InboxPage> {
  const booted = takeBootPage(key, after, limit);
  if (booted !== undefined) return Promise.resolve(booted);
  return invoke<InboxPage>("inbox_group", { request: { ...key, after, limit } satisfies InboxGroupRequest });
}

/** One message with its whole body. */
export function fetchMessage(id: number): Promise<Message> {
  return invoke<Message>("message", { id });
}

/** Full-text search over every state, newest first; page with `before` = the last id seen. */
export function searchMessages(query: string, before: number | null, limit: number): Promise<Message[]> {
  return invoke<Message[]>("search", { request: { q: query, before, limit } satisfies Search });
}

export function markDone(ids: number[]): Promise<number[]> {
  return invoke<number[]>("done", { request: { ids } satisfies Ids });
}

export function markUndone(ids: number[]): Promise<number[]> {
  return invoke<number[]>("undone", { request: { ids } satisfies Ids });
}

/**
 * Pins, with a due instant (ISO 8601) or none; pinning a pinned message sets its due anew. Resolves
 * to each message's pin as it was, by id: what an undo puts back.
 */
export function pin(ids: number[], due: string | null): Promise<PinState[]> {
  return invoke<PinState[]>("pin", { request: { ids, due } satisfies Pin });
}

/** Unpins; resolves to each message's pin as it was (its due date too), by id. */
export function unpin(ids: number[]): Promise<PinState[]> {
  return invoke<PinState[]>("unpin", { request: { ids } satisfies Ids });
}

/** Resolves to the instant the snooze ends. */
export function snooze(ids: number[], until: SnoozeUntil): Promise<string> {
  const request: Snooze = { ids, ...until };
  return invoke<string>("snooze", { request });
}

export function unsnooze(ids: number[]): Promise<number[]> {
  return invoke<number[]>("unsnooze", { request: { ids } satisfies Ids });
}

/** The snooze menu's choices that apply now, in the menu's order, each with the instant it means. */
export function snoozeChoices(): Promise<SnoozeChoice[]> {
  return invoke<SnoozeChoice[]>("snooze_choices");
}

/**
 * The instant typed text means ("2h", "mon 9", "friday"), read by the engine's parser in the
 * user's zone; rejects with `invalid_time` and a message to show for text it cannot read.
 */
export async function parseWhen(text: string): Promise<string> {
  const answer = await invoke<Until>("parse_when", { request: { text } satisfies ParseWhen });
  return answer.until;
}

/**
 * One page of a flat view (pinned, snoozed, done), each in its own order (see `InboxView`); pass
 * the page's `next` back as `after`. Bodies are previews.
 */
export function inboxView(view: InboxView, after: string | null, limit: number): Promise<InboxPage> {
  return invoke<InboxPage>("inbox", { request: { view, after, limit, snoozed: false } satisfies InboxList });
}

/**
 * Marks done every not-done message of a group (all of it, loaded or not), or received before an
 * instant, or both. Resolves to the ids it marked: what an undo hands to `undone`.
 */
export function doneAll(request: DoneAll): Promise<number[]> {
  return invoke<number[]>("done_all", { request });
}

/** The focus block a message arrived in and the digest that released it, for the detail pane. */
export function messageStory(id: number): Promise<MessageStory> {
  return invoke<MessageStory>("message_story", { id });
}

/** Records now as the end of a review: what arrives after it is new. */
export function markReviewed(): Promise<null> {
  return invoke<null>("mark_reviewed");
}

/**
 * Opens a link in the system's browser or mail app; the engine refuses all but http, https, mailto
 * and mid (a mail's Message-ID, which the desktop mail client opens).
 */
export function openLink(url: string): Promise<null> {
  return invoke<null>("open_link", { request: { url } satisfies OpenLink });
}

/**
 * The installed app a captured notification came from (its name in the user's language), for
 * "Open in …"; `null` when the message names no app or that app is not installed.
 */
export function messageApp(id: number): Promise<AppInfo | null> {
  return invoke<AppInfo | null>("message_app", { id });
}

/** Launches the app a captured notification came from (see `messageApp`). */
export function openApp(id: number): Promise<null> {
  return invoke<null>("open_app", { id });
}

/** Closes (destroys) this window; Lull stays in the tray. */
export function closeWindow(): Promise<null> {
  return invoke<null>("close_window");
}

// Settings, figures, sources, tokens and the desktop (`settings`, `update_settings`, `stats`,
// `sources`, `rotate_token`, `tokens`, `create_token`, `revoke_token`, `desktop`, `set_autostart`)
// live in `settings-ipc.ts` with the views that use them.

// Events.

/** Calls `onStatus` for every status the engine publishes; resolves to the unsubscribe function. */
export function subscribeStatus(onStatus: (status: Status) => void): Promise<() => void> {
  return subscribe<Status>(STATUS_EVENT, onStatus);
}

/** Calls `onChange` whenever the inbox changed; resolves to the unsubscribe function. */
export function subscribeInbox(onChange: () => void): Promise<() => void> {
  return subscribe<null>(INBOX_EVENT, () => {
    dropBootInbox();
    onChange();
  });
}

/** Calls `onView` when the tray or a notification asks for a view; resolves to the unsubscribe function. */
export function subscribeNavigate(onView: (view: View) => void): Promise<() => void> {
  return subscribe<View>(NAVIGATE_EVENT, onView);
}

async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
  const unlisten = await listen<T>(event, (e) => handler(e.payload));
  return () => {
    // Unlistening only fails when the webview is already going away; nothing is left to clean.
    Promise.resolve()
      .then(unlisten)
      .catch(() => undefined);
  };
}

// Failures.

/**
 * A failure to show: the engine's `ErrorBody` as it came (with the `field` a form puts its message
 * beside), or the code `ipc` when the call never reached the engine.
 */
export type Failure = ErrorBody;

export function toFailure(error: unknown): Failure {
  if (isErrorBody(error)) {
    const failure: Failure = { code: error.code, message: error.message };
    if (typeof error.field === "string" && error.field !== "") failure.field = error.field;
    return failure;
  }
  // Tauri itself rejects with a bare string, e.g. for a command or permission it does not know.
  if (typeof error === "string" && error !== "") return { code: "ipc", message: error };
  const message =
    error instanceof Error ? t("app.ipc.noAnswerBecause", { reason: error.message }) : t("app.ipc.noAnswer");
  return { code: "ipc", message };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string";
}
