/**
 * Ready-to-paste commands for sending to Lull, built from the running instance's address and a
 * publish token, in the three forms docs/api.md documents: Lull's own JSON API, ntfy-style
 * publishing (the token as Basic auth's password, which is what ntfy clients send) and Gotify's
 * `?token=`.
 *
 * The one decision to know: the examples never carry the control token. A tool that only sends
 * messages gets a publish token of its own, which can be revoked without touching anything else;
 * a publish token's secret is known only just after it is made, so until then the examples hold a
 * placeholder. Each example has a `text` to copy (with the real secret) and a `shown` form, which
 * hides the secret until the user asks to see it: a token on screen is a token in the next screenshot.
 * The welcome guide's test message is built the same way, and both places copy through `copyOrSelect`.
 *
 * The sample messages inside the example commands ("Build failed", "Backup finished") are data sent
 * to the API, shown as a command to copy, and stay in code; the test message is Lull's own words
 * that the user reads in the inbox, so it comes from the catalogue.
 */

import { t } from "./i18n";
import type { CreatedToken } from "./settings-ipc";

export type Example = {
  id: "api" | "ntfy" | "gotify";
  title: string;
  text: string;
  shown: string;
  /** What the user must know before pasting it with this token, if anything. */
  note: string | null;
};

/** Stands in for a token while it is hidden. */
export const MASK = "••••••••••••";

/** Stands in for a publish token whose secret is not known, in the copied text too. */
export const PLACEHOLDER = t("settings.examples.placeholder");

/** The topic the ntfy example publishes to when the token allows any. */
export const EXAMPLE_TOPIC = "mytopic";

export function maskToken(token: string, show: boolean): string {
  return show ? token : MASK;
}

/** A single-quoted shell word, safe for any text. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A `curl` line that sends `json` to Lull's own API with `secret`. */
function apiCurl(base: string, secret: string, json: string): string {
  return [
    `curl -H ${shellQuote(`Authorization: Bearer ${secret}`)} \\`,
    `     -H 'Content-Type: application/json' \\`,
    `     -d ${shellQuote(json)} \\`,
    `     ${base}/v1/messages`,
  ].join("\n");
}

/**
 * The examples, filled in with `fresh` (a token just made) or, without one, the placeholder. A
 * token narrowed to topics may only publish to those ntfy topics, which the notes say.
 */
export function examples(apiUrl: string, fresh: CreatedToken | null, showSecret: boolean): Example[] {
  const base = apiUrl.replace(/\/+$/, "");
  const patterns = fresh?.token.topics ?? [];
  // A pattern without `*` is a topic the token may use as it is; `ci-*` names none in particular.
  const literal = patterns.find((pattern) => !pattern.includes("*"));
  const topic = literal ?? EXAMPLE_TOPIC;
  const inQuery = (secret: string): string =>
    secret === MASK || secret === PLACEHOLDER ? secret : encodeURIComponent(secret);
  // i18n: not words, commands to copy whose sample messages are data sent to the API.
  const build = (secret: string): Record<Example["id"], string> => ({
    api: apiCurl(base, secret, '{"sender": "CI", "title": "Build failed", "body": "main is red", "priority": 4}'),
    ntfy: [
      `curl -u ${shellQuote(`:${secret}`)} \\`,
      `     -H 'Title: Backup finished' -H 'Priority: default' -H 'Tags: backup' \\`,
      `     -d 'All volumes saved' \\`,
      `     ${base}/${topic}`,
    ].join("\n"),
    gotify: [
      `curl -X POST "${base}/message?token=${inQuery(secret)}" \\`,
      `     -F 'title=Deploy done' -F 'message=v1.4 is live' -F 'priority=5'`,
    ].join("\n"),
  });
  const real = build(fresh?.secret ?? PLACEHOLDER);
  const shown = fresh === null ? real : build(maskToken(fresh.secret, showSecret));
  const refused = patterns.length > 0 ? t("settings.examples.refused") : null;
  const anyOf = (list: string[]): string => list.reduce((words, next) => t("settings.list.or", { list: words, next }));
  const notes: Record<Example["id"], string | null> = {
    api: refused,
    ntfy:
      patterns.length > 0 && literal === undefined
        ? t("settings.examples.matchTopic", { patterns: anyOf(patterns) })
        : null,
    gotify: refused,
  };
  return (["api", "ntfy", "gotify"] as const).map((id) => ({
    id,
    title: t(`settings.examples.title.${id}`),
    text: real[id],
    shown: shown[id],
    note: notes[id],
  }));
}

/** The welcome guide's test message, sent with the token just made; `shown` hides its secret like the examples. */
export function testMessage(apiUrl: string, fresh: CreatedToken, showSecret: boolean): Pick<Example, "text" | "shown"> {
  const base = apiUrl.replace(/\/+$/, "");
  // The guide's check knows the message by the token, not by its title.
  const title = JSON.stringify(t("welcome.send.testMessage.title"));
  const body = JSON.stringify(t("welcome.send.testMessage.body"));
  const json = `{"title": ${title}, "body": ${body}}`;
  return {
    text: apiCurl(base, fresh.secret, json),
    shown: apiCurl(base, maskToken(fresh.secret, showSecret), json),
  };
}

/** Puts `text` on the clipboard; false when the web view has no clipboard access or refuses it. */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator === "undefined" || !navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Selects the text in `element`, so that Ctrl+C copies it: the fallback without a clipboard. */
export function selectText(element: HTMLElement | null | undefined): boolean {
  const selection = window.getSelection();
  if (!element || selection === null) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/** What a copy did: on the clipboard, or selected for the user's own Ctrl+C, or neither. */
export type Copied = "copied" | "selected" | "failed";

/**
 * Copies `text`; without a clipboard, shows it in full (`reveal`, once what it changed is on
 * screen) and selects `element()`, which holds it, so that Ctrl+C copies it.
 */
export async function copyOrSelect(
  text: string,
  element: () => HTMLElement | null | undefined,
  reveal: () => Promise<void>,
): Promise<Copied> {
  if (await writeClipboard(text)) return "copied";
  await reveal();
  return selectText(element()) ? "selected" : "failed";
}

/** What was copied, for the sentence that says so: Settings › Sources's and the welcome guide's. */
export type Copyable =
  | { what: "controlToken" | "token" | "testMessage" | "example" }
  | { what: "namedToken"; name: string }
  | { what: "exampleLine"; tab: string };

/** The sentence a live region says after a copy: "The example copied." */
export function copyNote(thing: Copyable, how: Copied): string {
  switch (thing.what) {
    case "namedToken":
      return t(`settings.copy.${how}.namedToken`, { name: thing.name });
    case "exampleLine":
      return t(`settings.copy.${how}.exampleLine`, { tab: thing.tab });
    default:
      return t(`settings.copy.${how}.${thing.what}`);
  }
}
