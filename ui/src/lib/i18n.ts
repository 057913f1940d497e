/**
 * Every word the window shows comes from one catalogue, `strings/en.ts`, through `t`.
 *
 * English is the only language for now; the catalogue is shaped so that a translation is one more
 * file of the same shape (`Catalogue`), not a hunt through components. An entry is a string with
 * `{name}` placeholders, or a set of plural forms chosen by `Intl.PluralRules` from `count`
 * (`{ one: "{count} message", other: "{count} messages" }`). Keys and placeholders are checked by
 * the compiler: `t("inbox.heldCount", { count: 3 })` fails `npm run check` when the entry is gone,
 * is renamed, or wants another placeholder. Sentences are whole entries, never glued from pieces,
 * so a translator can move the words of a sentence around.
 */

import { en } from "../strings/en";

/** The plural forms of one entry; `other` is the one every language has. */
export type Forms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/** One entry of the catalogue. */
export type Entry = string | Forms;

type Tree = { readonly [key: string]: Entry | Tree };

/** The shape every translation has: the English catalogue's keys, any words. */
export type Catalogue = Widen<typeof en>;
type Widen<T> = T extends string ? string : T extends Forms ? Forms : { readonly [K in keyof T]: Widen<T[K]> };

/** Every key of the catalogue, dotted: `"inbox.views.pinned"`. */
export type Key = Keys<typeof en>;
type Keys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends Entry ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Lookup<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? Lookup<T[Head], Rest>
    : never
  : K extends keyof T
    ? T[K]
    : never;

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type NamesOf<E> = E extends string ? Placeholders<E> : E extends Forms ? Placeholders<E[keyof E]> | "count" : never;

/** The values an entry's placeholders take: `count` is a number, the rest strings or numbers. */
export type Params<K extends Key> = {
  [N in NamesOf<Lookup<typeof en, K>>]: N extends "count" ? number : string | number;
};

type ParamsArg<K extends Key> = [NamesOf<Lookup<typeof en, K>>] extends [never] ? [] : [params: Params<K>];

/** The language the catalogue is written in, for plural rules and `Intl` formats. */
export const LOCALE = "en";

const plurals = new Intl.PluralRules(LOCALE);
const catalogue: Tree = en;

/** The catalogue's words for `key`, its placeholders filled in from `params`. */
export function t<K extends Key>(key: K, ...args: ParamsArg<K>): string {
  const params = (args[0] ?? {}) as Record<string, string | number>;
  const entry = lookup(key);
  const text = typeof entry === "string" ? entry : pluralForm(entry, params["count"]);
  return fill(text, params);
}

/** A piece of a sentence from `parts`: words, or the place where a placeholder's element goes. */
export type Part = { text: string; slot?: undefined } | { slot: string; text?: undefined };

/**
 * The sentence for `key` in pieces, for a sentence with an element inside it (a `<kbd>`, a
 * button): placeholders named in `slots` come back as `{ slot }` for the component to render in
 * place, the rest filled in as `t` does. The sentence stays whole in the catalogue, so a
 * translation can put the element wherever its grammar wants it.
 *
 * ```svelte
 * {#each parts("inbox.hint.undo", ["key"]) as part, i (i)}
 *   {#if part.slot === "key"}<kbd>u</kbd>{:else}{part.text}{/if}
 * {/each}
 * ```
 */
export function parts<K extends Key>(key: K, slots: readonly string[], ...args: ParamsArg<K>): Part[] {
  const params = (args[0] ?? {}) as Record<string, string | number>;
  const entry = lookup(key);
  const text = typeof entry === "string" ? entry : pluralForm(entry, params["count"]);
  const pieces: Part[] = [];
  let rest = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? "";
    if (!slots.includes(name)) continue;
    const before = text.slice(rest, match.index);
    if (before !== "") pieces.push({ text: fill(before, params) });
    pieces.push({ slot: name });
    rest = match.index + match[0].length;
  }
  const after = text.slice(rest);
  if (after !== "") pieces.push({ text: fill(after, params) });
  return pieces;
}

/**
 * The words for a key built from data (a source id, a view name), or `undefined` when the
 * catalogue has no such entry, so the caller chooses what a newer engine's unknown id reads as.
 * For entries without placeholders: none are filled in.
 */
export function known(key: string): string | undefined {
  const entry = find(key);
  return typeof entry === "object" ? entry.other : entry;
}

function lookup(key: string): Entry {
  const entry = find(key);
  // The compiler checks every literal key; a built one is checked with `has` first. A miss is a
  // bug shown as the key itself, never as an empty label.
  return entry ?? key;
}

function find(key: string): Entry | undefined {
  let node: Entry | Tree | undefined = catalogue;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string" || isForms(node)) return undefined;
    node = node[part];
  }
  return node === undefined || typeof node === "string" || isForms(node) ? node : undefined;
}

function isForms(node: Entry | Tree): node is Forms {
  return typeof node === "object" && typeof node["other"] === "string";
}

function pluralForm(forms: Forms, count: string | number | undefined): string {
  const n = typeof count === "number" ? count : Number(count);
  const rule = Number.isFinite(n) ? plurals.select(n) : "other";
  return forms[rule] ?? forms.other;
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
