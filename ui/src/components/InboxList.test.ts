import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HEADER_HEIGHT as H, ROW_HEIGHT as R } from "../lib/inbox-layout";
import { InboxState } from "../lib/inbox-state.svelte";
import { fakeInbox, message, messagesFrom } from "../test-support/inbox";
import { iso, NOW } from "../test-support/status";
import source from "./InboxList.svelte?raw";
import InboxList from "./InboxList.svelte";

const list = (): HTMLElement => screen.getByTestId("inbox-list");
const rows = (): HTMLElement[] => screen.getAllByTestId("message-row");
const row = (id: number): HTMLElement => {
  const found = document.getElementById(`message-${id}`);
  if (found === null) throw new Error(`no row for message ${id}`);
  return found;
};
const text = (element: Element | null | undefined): string | undefined =>
  element?.textContent?.replace(/\s+/g, " ").trim();

async function scrollTo(top: number): Promise<void> {
  list().scrollTop = top;
  await fireEvent.scroll(list());
}

let disconnect: (() => void) | null = null;

/** The list over a connected inbox, once its first rows are drawn. */
async function shown(props: { newSince?: string | null } = {}): Promise<InboxState> {
  const inbox = new InboxState();
  disconnect = inbox.connect();
  render(InboxList, { inbox, now: NOW, ...props });
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  return inbox;
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});

afterEach(() => {
  disconnect?.();
  disconnect = null;
  cleanup();
  clearMocks();
  vi.useRealTimers();
  document.documentElement.style.removeProperty("font-size");
});

describe("the inbox list's headings", () => {
  it("are headings for assistive technology, in their real case, with the count", async () => {
    fakeInbox([...messagesFrom("alice@Example.com", 2, 10), ...messagesFrom("GitHub Actions", 3, 20)]);
    await shown();

    const headings = screen.getAllByRole("heading", { level: 2 });
    expect(headings.map(text)).toEqual(["GitHub Actions 3", "alice@Example.com 2"]);
    expect(source, "no style turns them to capitals").not.toMatch(/text-transform:\s*uppercase/);
    const group = screen.getByRole("group", { name: "GitHub Actions 3" });
    expect(within(group).getAllByRole("option"), "each group of options is named by its heading").toHaveLength(3);
    expect(screen.getByRole("group", { name: "alice@Example.com 2" })).toBeTruthy();
  });

  it("keep the heading of a long group at the top while it scrolls, until the next one pushes it out", async () => {
    fakeInbox([...messagesFrom("CI", 30, 100), ...messagesFrom("Alice", 3, 1)]);
    await shown();
    expect(screen.queryByTestId("sticky-heading"), "at the top the group's own heading shows").toBeNull();

    await scrollTo(H + 12 * R);
    const sticky = screen.getByTestId("sticky-heading");
    expect(text(sticky)).toBe("CI 30");
    expect(sticky.getAttribute("aria-hidden"), "a copy: the real heading is what is announced").toBe("true");
    expect(
      screen.queryAllByTestId("group-heading").map(text),
      "the real one has left the rows drawn, so the list stays small",
    ).not.toContain("CI 30");
    expect(screen.getByRole("group", { name: "CI" }), "and its rows' group is still named").toBeTruthy();

    const aliceHeading = H + 30 * R;
    await scrollTo(aliceHeading - 10);
    expect(screen.getByTestId("sticky-heading").style.transform, "pushed up by the next heading").toBe(
      `translateY(${-(H - 10)}px)`,
    );

    await scrollTo(aliceHeading + R);
    expect(text(screen.getByTestId("sticky-heading"))).toBe("Alice 3");

    await scrollTo(0);
    expect(screen.queryByTestId("sticky-heading")).toBeNull();
  });
});

describe("the inbox list's Others", () => {
  it("keeps Others at the top while its senders of one message scroll under it", async () => {
    // CI's 30 are the newest; five senders of one message each come after them, older.
    const ones = [1, 2, 3, 4, 5].map((id) =>
      message({ id, sender: `Sender ${id}`, received_at: iso(NOW - 2_000_000 - id * 1000) }),
    );
    fakeInbox([...messagesFrom("CI", 30, 100), ...ones]);
    await shown();

    const others = H + 30 * R;
    await scrollTo(others + H + 3 * R);
    expect(text(screen.getByTestId("sticky-heading")), "over the fourth of them too").toBe("Others 5");
    expect(screen.getByRole("group", { name: /^Others/ }), "their rows' group is named by it").toBeTruthy();
    expect(text(row(4).querySelector("[data-testid='row-sender']")), "each row says who sent it").toBe("Sender 4");

    await scrollTo(others - 10);
    expect(screen.getByTestId("sticky-heading").style.transform, "CI's is pushed out by it").toBe(
      `translateY(${-(H - 10)}px)`,
    );
  });
});

describe("the inbox list's rows", () => {
  it("lead with the title and leave out the sender their group's heading names", async () => {
    fakeInbox([message({ id: 1, sender: "Alice", title: "Lunch?", body: "at noon, the usual place" })]);
    await shown();

    const alice = row(1);
    expect(text(alice.querySelector("[data-testid='row-title']"))).toBe("Lunch?");
    expect(alice.querySelector("[data-testid='row-sender']"), "the heading already says Alice").toBeNull();
    expect(text(alice.querySelector("[data-testid='row-preview']"))).toBe("at noon, the usual place");
    expect(text(screen.getByTestId("group-heading"))).toBe("Alice 1");
  });

  it("show the sender after the title, muted, where the heading does not name it", async () => {
    // A thread with no sender or app: its heading is the thread, so the row says where it came from.
    fakeInbox([
      message({ id: 1, source: "ntfy", sender: null, source_detail: null, thread: "deploys", title: "v1.2 is out" }),
    ]);
    await shown();

    const parts = [...row(1).querySelectorAll("[data-testid^='row-']")].map((e) => e.getAttribute("data-testid"));
    expect(parts.slice(0, 3), "title first, then the sender, then the preview").toEqual([
      "row-title",
      "row-sender",
      "row-preview",
    ]);
    expect(text(row(1).querySelector("[data-testid='row-sender']"))).toBe("ntfy");
  });

  it("lead with the body when a message has no title", async () => {
    fakeInbox([message({ id: 1, sender: "Bob", title: null, body: "are you there?" })]);
    await shown();
    expect(text(row(1).querySelector("[data-testid='row-title']"))).toBe("are you there?");
    expect(row(1).querySelector("[data-testid='row-preview']"), "and do not say it twice").toBeNull();
  });

  it("write their times on the date ladder, with the whole date on hover", async () => {
    fakeInbox([
      message({ id: 1, received_at: new Date(2025, 2, 4, 9, 41).toISOString() }),
      message({ id: 2, received_at: new Date(2025, 2, 3, 14, 33).toISOString() }),
      message({ id: 3, received_at: new Date(2025, 1, 27, 8, 0).toISOString() }),
      message({ id: 4, received_at: new Date(2024, 10, 12, 8, 0).toISOString() }),
    ]);
    await shown();

    const times = [1, 2, 3, 4].map((id) => row(id).querySelector("[data-testid='row-time']"));
    expect(times.map(text)).toEqual(["09:41", "Yesterday 14:33", "Thu 08:00", "12 Nov 2024"]);
    expect(times[1]?.getAttribute("title")).toBe("Mon 3 Mar 2025 14:33");
  });

  it("mark what arrived since the last review as new, with a dot, a bold title and a label", async () => {
    // Message n arrived n seconds before NOW; the review ended 2.5 s before it.
    fakeInbox([1, 2, 3].map((id) => message({ id })));
    await shown({ newSince: iso(NOW - 2500) });

    expect(row(1).classList.contains("new")).toBe(true);
    expect(row(2).classList.contains("new")).toBe(true);
    expect(row(3).classList.contains("new"), "received before the review ended").toBe(false);
    expect(within(row(1)).getByRole("img", { name: "new" })).toBe(row(1).querySelector("[data-testid='row-new']"));
    expect(row(3).querySelector("[data-testid='row-new']")).toBeNull();
    expect(screen.getAllByRole("option", { name: /^new\b/ }), "the option's name starts with it").toHaveLength(2);
  });

  it("mark nothing new without a review to be new since", async () => {
    fakeInbox([1, 2].map((id) => message({ id })));
    await shown();
    expect(screen.queryAllByTestId("row-new")).toHaveLength(0);
    expect(rows().filter((r) => r.classList.contains("new"))).toHaveLength(0);
  });

  it("grow with the root font size, placed by the same arithmetic", async () => {
    document.documentElement.style.fontSize = "20px";
    fakeInbox(messagesFrom("CI", 3, 1));
    await shown();

    // 125%: a heading of 45 px and rows of 75 px instead of 36 and 60.
    expect(list().style.getPropertyValue("--row-height")).toBe("75px");
    expect(list().style.getPropertyValue("--heading-height")).toBe("45px");
    expect(rows().map((r) => r.style.transform)).toEqual([
      "translateY(45px)",
      "translateY(120px)",
      "translateY(195px)",
    ]);
    expect((list().firstElementChild as HTMLElement).style.height, "the whole list's height").toBe(`${45 + 3 * 75}px`);
  });

  it("fetch what is in view at any font size, telling the inbox where that is in its own reckoning", async () => {
    // At a 10 px root font a row is 38 px: the bottom of 1,000 rows is far further down the
    // inbox's 60 px rows than the raw pixels say.
    document.documentElement.style.fontSize = "10px";
    fakeInbox(messagesFrom("CI", 1000, 1));
    await shown();

    const spacer = list().firstElementChild as HTMLElement;
    await scrollTo(parseFloat(spacer.style.height) - 800);
    await waitFor(
      () => {
        expect(document.querySelectorAll("[aria-busy='true']"), "no placeholder left in view").toHaveLength(0);
        expect(
          rows().map((r) => Number(r.dataset["id"])),
          "the oldest message is drawn",
        ).toContain(1);
      },
      { timeout: 3000 },
    );
  });

  it("put hostile text in the list as text only, never in an attribute, wherever it is shown", async () => {
    const hostile = `<img src=x onerror="fetch('http://127.0.0.1:9/')">`;
    fakeInbox(
      Array.from({ length: 30 }, (_, i) =>
        message({ id: i + 1, sender: hostile, title: `<script>${hostile}</script>`, via: hostile }),
      ),
    );
    await shown();
    const inert = (context: string): void => {
      expect(list().querySelectorAll("img, script").length, `${context}: no element from message text`).toBe(0);
      for (const element of list().querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          expect(attribute.value, `${context}: ${attribute.name} on ${element.tagName}`).not.toContain("127.0.0.1");
        }
      }
    };
    inert("at the top");
    expect(text(screen.getByTestId("group-heading"))).toBe(`${hostile} 30`);
    expect(text(row(1).querySelector("[data-testid='row-title']"))).toBe(`<script>${hostile}</script>`);

    await scrollTo(H + 20 * R);
    inert("scrolled, with the sticky heading and the group named from out of view");
    expect(text(screen.getByTestId("sticky-heading"))).toBe(`${hostile} 30`);
    expect(screen.getByRole("group", { name: hostile })).toBeTruthy();
  });

  it("show focus and selection in high contrast with the system's colours", () => {
    const forced = source.slice(source.indexOf("@media (forced-colors: active)"));
    expect(forced, "a forced-colours block").not.toBe(source);
    expect(forced).toMatch(/\.row\.current\s*{[^}]*outline:[^}]*CanvasText/);
    expect(forced).toMatch(/\.row\.selected\s*{[^}]*background:\s*Highlight/);
    expect(forced).toMatch(/\.list:focus-visible \.row\.current\s*{[^}]*outline:[^}]*Highlight/);
  });
});
