/**
 * Every word the window shows is in the catalogue (`strings/en.ts`, read through `lib/i18n.ts`):
 * this reads the window's own source, as `safety.test.ts` does, and lists each piece of prose that
 * is not. Markup text, the attributes a person reads or hears (`aria-label`, `title`,
 * `placeholder`, …), a component's text props, and string literals in scripts that read as words
 * (two words, or one capitalised word) all count. What a person never sees (test ids, CSS, event
 * names, `KeyboardEvent.key` values, console output) does not, nor what is shown as typed (text
 * in `<code>` or `<kbd>`), nor a statement under a `// i18n: not words, <why>` comment (sample
 * data, product names).
 */

import { parse } from "svelte/compiler";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "./strings/en";
import { known, parts, t } from "./lib/i18n";

const sources = import.meta.glob<string>(
  [
    "./**/*.svelte",
    "./**/*.ts",
    "!./**/*.test.ts",
    "!./test-support/**",
    "!./bindings/**",
    "!./strings/**",
    "!./lib/i18n.ts",
    "!./vite-env.d.ts",
  ],
  { query: "?raw", import: "default", eager: true },
);

/** Two words, or one capitalised word: what reads as prose rather than as an identifier. */
const PROSE = /\p{L}{2,}[ \u00a0]+\p{L}|^\s*\p{Lu}\p{Ll}+[.!?…:]?\s*$/u;
/** What looks like words but is CSS: a font, a length, a selector. */
const CSS = /\d(px|rem|em)\b|^[a-z][\w-]*(:[\w-]|\[)/;
/** Any letter: markup text with one is shown as it is. */
const LETTER = /\p{L}/u;

/** Attributes whose value a person reads or a screen reader speaks. */
const SPOKEN = new Set([
  "alt",
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "label",
  "placeholder",
  "title",
]);

/** Elements whose text is code or keys, shown as typed: never translated. */
const VERBATIM = new Set(["code", "kbd", "samp"]);

/** The comment that marks a statement's strings as not words (sample data, product names). */
const NOT_WORDS = /i18n: not words/;

/** `KeyboardEvent.key` values the code compares with: names of keys, never shown. */
const KEY_NAMES = new Set([
  "Enter",
  "Escape",
  "Tab",
  "Home",
  "End",
  "Delete",
  "Backspace",
  "Shift",
  "Control",
  "Alt",
  "Meta",
]);

type Finding = { file: string; line: number; text: string };

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split("\n").length;
}

function inMarkup(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  const root = parse(source, { modern: true });
  const report = (offset: number, text: string): void => {
    found.push({ file, line: lineAt(source, offset), text: text.trim() });
  };
  const walk = (node: unknown, component: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child, component);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown> & { type?: string; start?: number };
    if (n.type === "Script" || n.type === "StyleSheet" || n.type === "StyleDirective") return;
    if (n.type === "RegularElement" && typeof n["name"] === "string" && VERBATIM.has(n["name"])) return;
    if (n.type === "Text" && typeof n["data"] === "string") {
      const text = n["data"];
      if (LETTER.test(text) && text.trim().length > 1) report(n.start ?? 0, text);
      return;
    }
    if (n.type === "Attribute" && typeof n["name"] === "string" && Array.isArray(n["value"])) {
      const name = n["name"];
      for (const part of n["value"] as { type: string; data?: string; start: number }[]) {
        if (part.type !== "Text" || part.data === undefined) continue;
        const spoken = SPOKEN.has(name) && LETTER.test(part.data);
        const prop = component && !name.startsWith("data-") && PROSE.test(part.data);
        if (spoken || prop) report(part.start, `${name}="${part.data}"`);
      }
      walk(
        (n["value"] as { type: string }[]).filter((part) => part.type !== "Text"),
        component,
      );
      return;
    }
    if (n.type === "Literal" && typeof n["value"] === "string" && PROSE.test(n["value"]) && !CSS.test(n["value"])) {
      if (!KEY_NAMES.has(n["value"])) report(n.start ?? 0, n["value"]);
      return;
    }
    if (n.type === "TemplateElement") {
      const cooked = (n["value"] as { cooked?: string } | undefined)?.cooked ?? "";
      if (PROSE.test(cooked)) report(n.start ?? 0, cooked);
      return;
    }
    const isComponent = n.type === "Component" || n.type === "SvelteComponent";
    for (const [key, value] of Object.entries(n)) {
      if (key === "parent" || key === "metadata") continue;
      walk(value, isComponent ? true : n.type === "RegularElement" ? false : component);
    }
  };
  walk(root.fragment, false);
  return found;
}

function inScript(file: string, source: string, code: string, offset: number): Finding[] {
  const found: Finding[] = [];
  const unit = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const shownToNoOne = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at !== undefined; at = at.parent) {
      if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at)) return true;
      if (ts.isCallExpression(at) && at.expression.getText(unit).startsWith("console.")) return true;
      if (ts.isLiteralTypeNode(at)) return true;
      const comments = ts.getLeadingCommentRanges(code, at.getFullStart()) ?? [];
      if (comments.some((c) => NOT_WORDS.test(code.slice(c.pos, c.end)))) return true;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const text = node.text;
      if (PROSE.test(text) && !CSS.test(text) && !KEY_NAMES.has(text) && !shownToNoOne(node)) {
        found.push({ file, line: lineAt(source, offset + node.getStart(unit)), text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(unit);
  return found;
}

function uncatalogued(file: string, source: string): Finding[] {
  if (!file.endsWith(".svelte")) return inScript(file, source, source, 0);
  const found = inMarkup(file, source);
  for (const match of source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const code = match[1] ?? "";
    const offset = (match.index ?? 0) + match[0].indexOf(code);
    found.push(...inScript(file, source, code, offset));
  }
  return found;
}

describe("the catalogue", () => {
  it("holds every word the window shows", () => {
    expect(Object.keys(sources)).toContain("./App.svelte");
    const findings = Object.entries(sources).flatMap(([file, source]) => uncatalogued(file, source));
    expect(
      findings.map((f) => `${f.file}:${f.line}: ${JSON.stringify(f.text)}`),
      "put these words in strings/en/ and show them with t()",
    ).toEqual([]);
  });

  it("fills placeholders and picks the plural form from count", () => {
    expect(t("app.name")).toBe("Lull");
    expect(t("calendar.ladder.yesterday", { clock: "14:33" })).toBe("Yesterday 14:33");
    expect(t("common.messages", { count: 1 })).toBe("1 message");
    expect(t("common.messages", { count: 0 })).toBe("0 messages");
    expect(t("common.messages", { count: 501 })).toBe("501 messages");
    // @ts-expect-error: an entry with placeholders needs its values.
    expect(t("calendar.ladder.yesterday")).toBe("Yesterday {clock}");
    // @ts-expect-error: a key that is not in the catalogue does not compile.
    expect(t("app.nothing.here")).toBe("app.nothing.here");
    expect(parts("calendar.ladder.weekday", ["clock"], { weekday: "Mon", clock: "" })).toEqual([
      { text: "Mon " },
      { slot: "clock" },
    ]);
    expect(known("app.name")).toBe("Lull");
    expect(known("app.nothing.here")).toBeUndefined();
  });

  it("has no empty entries", () => {
    const empty: string[] = [];
    const walk = (node: object, path: string): void => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === "string") {
          if (value.trim() === "") empty.push(`${path}${key}`);
        } else walk(value as object, `${path}${key}.`);
      }
    };
    walk(en, "");
    expect(empty, "an empty entry shows nothing").toEqual([]);
  });
});
