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
import type { Source } from "../bindings/Source";
import { formatTimestamp } from "./dates";
import { formatClockTime } from "./time";

/** An instant on the ladder, inside a sentence: "14:05", "yesterday 14:05", "Mon 14:05", "12 Nov". */
export function when(iso: string, nowMs: number): string {
  return formatTimestamp(iso, nowMs).replace(/^(Yesterday|Tomorrow)\b/, (word) => word.toLowerCase());
}

/** The same with its preposition: "at 14:05", "yesterday at 14:05", "on Mon at 14:05", "on 12 Nov". */
export function atWhen(iso: string, nowMs: number): string {
  const text = when(iso, nowMs);
  const clock = /^(.*?) ?(\d{2}:\d{2})$/.exec(text);
  if (clock === null) return `on ${text}`;
  const [, day = "", time = ""] = clock;
  if (day === "") return `at ${time}`;
  return /^(yesterday|tomorrow)$/.test(day) ? `${day} at ${time}` : `on ${day} at ${time}`;
}

/** Whether `message_story` can add to what the message says about itself. */
export function needsStory(message: Message): boolean {
  return message.decision !== "delivered" && (message.block_id !== null || message.digest_id !== null);
}

/** How the message came to be in the inbox, in one line. */
export function storyLine(message: Message, story: MessageStory | null, nowMs: number): string {
  switch (message.decision) {
    case "delivered":
      return `Shown as a popup ${atWhen(message.delivered_at ?? message.received_at, nowMs)}`;
    case "broke_through": {
      const through = message.block_id !== null || story?.block != null ? "your focus block" : "quiet hours";
      return `Broke through ${through} (priority ${message.priority})`;
    }
    case "held":
      return heldLine(message, story, nowMs);
  }
}

function heldLine(message: Message, story: MessageStory | null, nowMs: number): string {
  const block = story?.block ?? null;
  const digest = story?.digest ?? null;
  let held: string;
  if (block !== null) held = `Held during ${blockName(block)} ${blockSpan(block, nowMs)}`;
  else if (message.block_id !== null || digest?.reason === "focus") held = "Held during a focus block";
  else if (digest?.reason === "quiet") held = "Held outside work hours";
  else if (digest?.reason === "batch") held = "Held for a batch";
  else held = "Held";

  if (digest !== null) {
    // Quiet hours end at a time of day; a block or a batch ends in a digest.
    const released =
      digest.reason === "quiet"
        ? `released ${atWhen(digest.at, nowMs)}`
        : `released in ${digestName(digest.at, nowMs)}`;
    return `${held} · ${released}`;
  }
  if (message.state === "held") {
    return block !== null && block.ended_at === null
      ? `${held} · comes in the digest when the block ends`
      : `${held} · comes in the next digest`;
  }
  if (message.released_at !== null) return `${held} · released ${atWhen(message.released_at, nowMs)}`;
  return held;
}

/** "the 14:55 digest", "yesterday's 14:55 digest", "the Mon 14:55 digest". */
function digestName(at: string, nowMs: number): string {
  const text = when(at, nowMs);
  return text.startsWith("yesterday ") ? `yesterday's ${text.slice(10)} digest` : `the ${text} digest`;
}

function blockName(block: FocusBlock): string {
  const intent = block.intent?.trim() ?? "";
  return intent === "" ? "a focus block" : `“${intent}”`;
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
  if (block.ended_at === null) return `since ${start}`;
  const end = sameLocalDay(block.started_at, block.ended_at)
    ? formatClockTime(block.ended_at)
    : withClock(block.ended_at);
  return `${start}–${end}`;
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
    state = message.done_at === null ? "Done" : `Done ${atWhen(message.done_at, nowMs)}`;
  } else if (message.state === "snoozed") {
    state = message.snoozed_until === null ? "Snoozed" : `Snoozed · back ${when(message.snoozed_until, nowMs)}`;
  } else {
    state = message.state === "held" ? "Held, to triage" : "To triage";
  }
  if (!message.pinned) return state;
  if (message.pin_due === null) return `${state} · pinned`;
  const overdue = Date.parse(message.pin_due) <= nowMs;
  return `${state} · pinned, ${overdue ? "overdue since" : "due"} ${when(message.pin_due, nowMs)}`;
}

const SOURCE_NAMES: Record<Source, string> = {
  api: "Lull's HTTP API",
  cli: "lull send",
  ntfy: "ntfy",
  gotify: "Gotify",
  desktop: "Desktop notification",
  imap: "Mail",
};

/** What a source's detail is called: the app for the desktop, the account for mail, else the topic. */
const DETAIL_NAMES: Record<Source, string> = {
  api: "Topic",
  cli: "Topic",
  ntfy: "Topic",
  gotify: "App",
  desktop: "App",
  imap: "Account",
};

export type SenderFact = { term: string; value: string; testid: string };

/** Who sent it, each a line of the pane: the sender, the source, its app or topic, the token. */
export function senderFacts(message: Message): SenderFact[] {
  const facts: SenderFact[] = [
    { term: "From", value: message.sender ?? "—", testid: "detail-sender" },
    { term: "Source", value: SOURCE_NAMES[message.source], testid: "detail-source" },
  ];
  if (message.source_detail !== null) {
    facts.push({ term: DETAIL_NAMES[message.source], value: message.source_detail, testid: "detail-source-detail" });
  }
  if (message.via !== null) facts.push({ term: "Publish token", value: message.via, testid: "detail-via" });
  return facts;
}
