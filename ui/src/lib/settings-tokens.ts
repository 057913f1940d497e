/**
 * Publish tokens as Settings › Sources shows and makes them: what a token may do, in a few words,
 * and the new-token form's input turned into the engine's `NewToken`.
 *
 * The form has three inputs but the engine names more fields (`topics[2]` for the third pattern):
 * `formField` folds each into the input it came from, so every refusal lands beside something the
 * user typed, and one that names no input is shown under the form rather than lost.
 */

import { t } from "./i18n";
import type { NewToken, PublishToken } from "./settings-ipc";

/** The new-token form's places for a message, by the names `FieldMessage` gives them. */
export const TOKEN_FIELDS = {
  name: "token.name",
  topics: "token.topics",
  max_priority: "token.max_priority",
  form: "token",
} as const;

export type TokenField = keyof typeof TOKEN_FIELDS;

/** The highest priorities a token may be capped at, as the select offers them. */
export const PRIORITY_CAPS: readonly { value: number; readonly label: string }[] = (
  ["lowest", "low", "normal", "high", "urgent"] as const
).map((name, i) => ({
  value: i + 1,
  get label() {
    return t(`settings.tokens.priorityCap.${name}`);
  },
}));

/** "ci-*, backups" or "ci-* backups": the patterns, blanks dropped. */
export function parseTopics(text: string): string[] {
  return text.split(/[\s,]+/).filter((topic) => topic !== "");
}

/** What the form sends; `priority` is the select's value, "" for any. */
export function newToken(name: string, topics: string, priority: string): NewToken {
  return { name: name.trim(), topics: parseTopics(topics), max_priority: priority === "" ? null : Number(priority) };
}

/** The form's input an engine's refusal belongs beside. */
export function formField(field: string | undefined): TokenField {
  if (field === "name") return "name";
  if (field === "topics" || field?.startsWith("topics[")) return "topics";
  if (field === "max_priority") return "max_priority";
  return "form";
}

/** What a token may do, in a few words each: "any topic" or its patterns, and its priority cap. */
export function tokenScope(token: PublishToken): string[] {
  const topics =
    token.topics.length === 0
      ? t("settings.tokens.scope.anyTopic")
      : t("settings.tokens.scope.topics", { topics: token.topics.join(", ") });
  return token.max_priority === null
    ? [topics]
    : [topics, t("settings.tokens.scope.priority", { max: token.max_priority })];
}

/** The day of an instant, in the user's locale: "3 Mar 2026". */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}
