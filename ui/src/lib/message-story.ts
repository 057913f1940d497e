/**
 * The detail pane's account of a message in the user's words: how it came to be where it is
 * ("Held during “draft the Q3 report” 14:05–14:55 · released in the 14:55 digest"), where it is
 * now, and who sent it (the app, the topic, the publish token).
 *
 * Built from the message alone where that is enough (a popup, a breakthrough), and from the
 * engine's `message_story` (the block it arrived in, the digest that released it) where that says
 * more. Without a story the words are vaguer, never wrong. Every instant is on the window's one
 * date ladder (`dates.ts`), worded to sit inside a sentence ("yesterday at 14:05").
 */

import type { FocusBlock } from "../bindings/FocusBlock";
import type { Message } from "../bindings/Message";
import type { MessageStory } from "../bindings/MessageStory";
import { formatTimestamp } from "./dates";
import { t } from "./i18n";
import { sourceDetailName, sourceName } from "./source-names";
import { formatClockTime } from "./time";

/** An instant on the ladder, inside a sentence: "14:05", "yesterday 14:05", "Mon 14:05", "12 Nov". */
export function when(iso: string, nowMs: number): string {
  return formatTimestamp(iso, nowMs).replace(/^(Yesterday|Tomorrow)\b/, (word) => word.toLowerCase());
}

/** The same with its preposition: "at 14:05", "yesterday at 14:05", "on Mon at 14:05", "on 12 Nov". */
export function atWhen(iso: string, nowMs: number): string {
  const text = when(iso, nowMs);
  const clock = /^(.*?) ?(\d{2}:\d{2})$/.exec(text);
  if (clock === null) return t("inbox.story.on", { day: text });
  const [, day = "", time = ""] = clock;
  if (day === "") return t("inbox.story.at", { clock: time });
  return t(/^(yesterday|tomorrow)$/.test(day) ? "inbox.story.relativeAt" : "inbox.story.onAt", { day, clock: time });
}

/** Whether `message_story` can add to what the message says about itself. */
export function needsStory(message: Message): boolean {
  return message.decision !== "delivered" && (message.block_id !== null || message.digest_id !== null);
}

/** How the message came to be in the inbox, in one line. */
export function storyLine(message: Message, story: MessageStory | null, nowMs: number): string {
  switch (message.decision) {
    case "delivered":
      return t("inbox.story.popup", { when: atWhen(message.delivered_at ?? message.received_at, nowMs) });
    case "broke_through": {
      const inBlock = message.block_id !== null || story?.block != null;
      return t(inBlock ? "inbox.story.brokeThroughBlock" : "inbox.story.brokeThroughQuiet", {
        priority: message.priority,
      });
    }
    case "held":
      return heldLine(message, story, nowMs);
  }
}

function heldLine(message: Message, story: MessageStory | null, nowMs: number): string {
  const block = story?.block ?? null;
  const digest = story?.digest ?? null;
  let held: string;
  if (block !== null) held = heldInBlock(block, nowMs);
  else if (message.block_id !== null || digest?.reason === "focus") held = t("inbox.story.heldFocus");
  else if (digest?.reason === "quiet") held = t("inbox.story.heldQuiet");
  else if (digest?.reason === "batch") held = t("inbox.story.heldBatch");
  else if (digest?.reason === "away") held = t("inbox.story.heldAway");
  else if (digest?.reason === "meeting") held = t("inbox.story.heldMeeting");
  else if (digest?.reason === "presenting") held = t("inbox.story.heldPresenting");
  else held = t("inbox.story.held");

  if (digest !== null) {
    // Quiet hours end at a time of day; a block or a batch ends in a digest.
    return digest.reason === "quiet"
      ? t("inbox.story.releasedAt", { held, when: atWhen(digest.at, nowMs) })
      : t("inbox.story.releasedIn", { held, digest: digestName(digest.at, nowMs) });
  }
  if (message.state === "held") {
    return t(block !== null && block.ended_at === null ? "inbox.story.comesAtBlockEnd" : "inbox.story.comesNext", {
      held,
    });
  }
  if (message.released_at !== null) {
    return t("inbox.story.releasedAt", { held, when: atWhen(message.released_at, nowMs) });
  }
  return held;
}

/** "the 14:55 digest", "yesterday's 14:55 digest", "the Mon 14:55 digest". */
function digestName(at: string, nowMs: number): string {
  const text = when(at, nowMs);
  return text.startsWith("yesterday ")
    ? t("inbox.story.digestYesterday", { clock: text.slice(10) })
    : t("inbox.story.digest", { when: text });
}

/** "Held during “draft the Q3 report” 14:05–14:55", or "a focus block" for one without an intent. */
function heldInBlock(block: FocusBlock, nowMs: number): string {
  const intent = block.intent?.trim() ?? "";
  const span = blockSpan(block, nowMs);
  return intent === "" ? t("inbox.story.heldInUnnamedBlock", { span }) : t("inbox.story.heldInBlock", { intent, span });
}

/**
 * "14:05–14:55" (with the day before it when not today), the end's day only when it differs;
 * "since 14:05" while the block runs. The ladder drops the clock for older days; a span needs it.
 */
function blockSpan(block: FocusBlock, nowMs: number): string {
  const withClock = (iso: string): string => {
    const text = when(iso, nowMs);
    const clock = formatClockTime(iso);
    return text.endsWith(clock) ? text : `${text} ${clock}`;
  };
  const start = withClock(block.started_at);
  if (block.ended_at === null) return t("inbox.story.spanRunning", { start });
  const end = sameLocalDay(block.started_at, block.ended_at)
    ? formatClockTime(block.ended_at)
    : withClock(block.ended_at);
  return t("inbox.story.span", { start, end });
}

function sameLocalDay(a: string, b: string): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** Where the message is now: to triage, snoozed until, done since; pinned and due. */
export function stateLine(message: Message, nowMs: number): string {
  let state: string;
  if (message.state === "done") {
    state =
      message.done_at === null
        ? t("inbox.state.done")
        : t("inbox.state.doneAt", { when: atWhen(message.done_at, nowMs) });
  } else if (message.state === "snoozed") {
    state =
      message.snoozed_until === null
        ? t("inbox.state.snoozed")
        : t("inbox.state.snoozedUntil", { when: when(message.snoozed_until, nowMs) });
  } else {
    state = t(message.state === "held" ? "inbox.state.heldToTriage" : "inbox.state.toTriage");
  }
  if (!message.pinned) return state;
  if (message.pin_due === null) return t("inbox.state.pinned", { state });
  const overdue = Date.parse(message.pin_due) <= nowMs;
  return t(overdue ? "inbox.state.pinnedOverdue" : "inbox.state.pinnedDue", {
    state,
    when: when(message.pin_due, nowMs),
  });
}

export type SenderFact = { term: string; value: string; testid: string };

/** Who sent it, each a line of the pane: the sender, the source, its app or topic, the token. */
export function senderFacts(message: Message): SenderFact[] {
  const facts: SenderFact[] = [
    { term: t("inbox.detail.fact.from"), value: message.sender ?? t("common.unknown"), testid: "detail-sender" },
    { term: t("inbox.detail.fact.source"), value: sourceName(message.source), testid: "detail-source" },
  ];
  if (message.source_detail !== null) {
    const term = sourceDetailName(message.source);
    facts.push({ term, value: message.source_detail, testid: "detail-source-detail" });
  }
  if (message.via !== null) {
    facts.push({ term: t("inbox.detail.fact.token"), value: message.via, testid: "detail-via" });
  }
  return facts;
}
