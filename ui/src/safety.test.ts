/**
 * No path from text to markup: outside tests, the window's source never uses `{@html}` or
 * `innerHTML`/`outerHTML`/`insertAdjacentHTML`, so message text can only ever reach the DOM as
 * text. This reads the source itself, so a new component cannot slip one in.
 */

import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./**/*.svelte", "./**/*.ts", "!./**/*.test.ts", "!./test-support/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

const RAW_HTML = [
  /\{@html\b/,
  /\.innerHTML\b/,
  /\.outerHTML\s*=/,
  /insertAdjacentHTML/,
  /document\.write/,
  /\bsrcdoc\b/,
];

describe("the window's source", () => {
  it("is all there to check", () => {
    expect(Object.keys(sources)).toContain("./App.svelte");
    expect(Object.keys(sources)).toContain("./views/Inbox.svelte");
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("never turns a string into markup", () => {
    const offenders = Object.entries(sources).flatMap(([path, text]) =>
      RAW_HTML.filter((pattern) => pattern.test(text)).map((pattern) => `${path}: ${pattern}`),
    );
    expect(offenders, "render text with {expression}, never as HTML").toEqual([]);
  });

  it("never links out with an <a href> the web view would follow", () => {
    const offenders = Object.entries(sources).filter(([, text]) => /<a\s[^>]*href=/i.test(text));
    expect(
      offenders.map(([path]) => path),
      "links open through open_link",
    ).toEqual([]);
  });
});
