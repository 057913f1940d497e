/**
 * What a message can open from the detail pane: the app a captured notification came from, the
 * message's own buttons (an ntfy message's actions), and a mail's link in the mail app.
 */

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { AppInfo } from "../bindings/AppInfo";
import { announceInboxChange, fakeInbox, message, type FakeInbox } from "../test-support/inbox";
import { cursorId, press, showInbox, text, useInboxTest } from "../test-support/inbox-screen";

useInboxTest();

const openApp = (): HTMLElement | null => screen.queryByTestId("detail-open-app");
const asked = (engine: FakeInbox, cmd: string): unknown[] =>
  engine.calls.filter((c) => c.cmd === cmd).map((c) => c.args["id"]);
/** The detail pane shows the whole message `id` (its body, not the list's preview). */
const showing = (id: number): Promise<void> =>
  waitFor(() => {
    expect(cursorId()).toBe(`message-${id}`);
    expect(screen.getByTestId("message-detail").getAttribute("aria-busy")).toBe("false");
  });

describe("Open in the app a notification came from", () => {
  it("is offered only when message_app names an installed app, and opens it by the message's id", async () => {
    const engine = fakeInbox([
      message({ id: 1, source: "desktop", app: "org.gnome.Evolution" }),
      message({ id: 2, source: "desktop", app: "org.example.Uninstalled" }),
      message({ id: 3, source: "api" }),
    ]);
    engine.apps["org.gnome.Evolution"] = { name: "Evolution" };
    await showInbox(engine);

    await waitFor(() => expect(text(openApp())).toBe("Open in Evolution"));
    await fireEvent.click(openApp()!);
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "open_app", args: { id: 1 } }]));

    await press("j");
    await showing(2);
    await waitFor(() => expect(asked(engine, "message_app")).toEqual([1, 2]));
    expect(openApp(), "nothing for an app that is not installed").toBeNull();

    await press("j");
    await showing(3);
    expect(openApp(), "nothing for a message that names no app").toBeNull();
    expect(asked(engine, "message_app"), "a message without an app asks nothing").toEqual([1, 2]);

    await press("Home");
    await waitFor(() => expect(openApp()).not.toBeNull());
    await announceInboxChange();
    await waitFor(() => expect(engine.calls.filter((c) => c.cmd === "inbox_overview").length).toBeGreaterThan(1));
    expect(openApp(), "a refresh keeps it").not.toBeNull();
    expect(asked(engine, "message_app"), "once per message chosen, not per refresh").toEqual([1, 2, 1]);
  });

  it("opens with Shift+O, and with Enter when the message has no link of its own", async () => {
    const engine = fakeInbox([
      message({ id: 1, source: "desktop", app: "org.gnome.Evolution" }),
      message({ id: 2, source: "desktop", app: "org.gnome.Evolution", link: "https://example.org/" }),
    ]);
    engine.apps["org.gnome.Evolution"] = { name: "Evolution" };
    await showInbox(engine);
    await waitFor(() => expect(openApp()).not.toBeNull());

    await press("O", { shiftKey: true });
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "open_app", args: { id: 1 } }]));
    await press("Enter");
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "open_app", args: { id: 1 } }));

    await press("j");
    await showing(2);
    await waitFor(() => expect(openApp()).not.toBeNull());
    await press("Enter");
    await waitFor(() =>
      expect(engine.commands().at(-1), "the link comes first").toEqual({
        cmd: "open_link",
        args: { url: "https://example.org/" },
      }),
    );
  });

  it("shows the engine's refusal in the alert", async () => {
    const engine = fakeInbox([message({ id: 1, source: "desktop", app: "org.gnome.Evolution" })]);
    engine.apps["org.gnome.Evolution"] = { name: "Evolution" };
    engine.answers["open_app"] = () => {
      throw { code: "not_found", message: "evolution could not be started" };
    };
    await showInbox(engine);
    await waitFor(() => expect(openApp()).not.toBeNull());
    await fireEvent.click(openApp()!);
    expect((await screen.findByRole("alert")).textContent).toContain("Evolution could not be started");
  });

  it("never shows a late answer for a message the cursor has left", async () => {
    const engine = fakeInbox([
      message({ id: 1, source: "desktop", app: "org.example.Slow" }),
      message({ id: 2, source: "desktop", app: "org.example.Uninstalled" }),
    ]);
    let answerSlow: (app: AppInfo) => void = () => undefined;
    engine.answers["message_app"] = (args) =>
      args["id"] === 1 ? new Promise<AppInfo>((resolve) => (answerSlow = resolve)) : null;
    await showInbox(engine);
    await waitFor(() => expect(asked(engine, "message_app")).toEqual([1]));

    await press("j");
    await showing(2);
    await waitFor(() => expect(asked(engine, "message_app")).toEqual([1, 2]));
    answerSlow({ name: "Slowpoke" });
    // Watched for a while, not looked at once: not even for a moment.
    for (let i = 0; i < 12; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(openApp(), "message 1's app is not offered on message 2").toBeNull();
    }
    expect(screen.getByTestId("message-detail").textContent).not.toContain("Slowpoke");
  });
});

describe("a message's own buttons", () => {
  const hostile = "<img src=x onerror=alert(1)>";

  it("show their labels as text, apart from Lull's, and open their links through the engine", async () => {
    const long = `Acknowledge the alert ${"and then some ".repeat(20)}`;
    const engine = fakeInbox([
      message({
        id: 1,
        source: "ntfy",
        actions: [
          { label: hostile, url: "https://ci.example.com/run/1" },
          { label: long, url: "mailto:oncall@example.com" },
        ],
      }),
    ]);
    await showInbox(engine);
    const buttons = await screen.findAllByTestId("detail-action");

    expect(buttons.map((b) => b.textContent)).toEqual([hostile, long]);
    expect(screen.getByTestId("message-detail").querySelector("img"), "a label is never markup").toBeNull();
    expect(buttons[0]?.getAttribute("title"), "the whole label, and where it goes").toBe(
      `${hostile} (opens https://ci.example.com/run/1)`,
    );
    const group = screen.getByTestId("detail-actions");
    expect(group.getAttribute("role")).toBe("group");
    expect(group.getAttribute("aria-label")).toBe("The message's own buttons");
    expect(group.closest("[role=toolbar]"), "not among Lull's own buttons").toBeNull();

    await fireEvent.click(buttons[0]!);
    await fireEvent.click(buttons[1]!);
    await waitFor(() =>
      expect(engine.commands()).toEqual([
        { cmd: "open_link", args: { url: "https://ci.example.com/run/1" } },
        { cmd: "open_link", args: { url: "mailto:oncall@example.com" } },
      ]),
    );
  });

  it("leaves out a button whose link is unsafe, as the link is", async () => {
    await showInbox(
      fakeInbox([
        message({
          id: 1,
          source: "ntfy",
          actions: [
            { label: "Run it", url: "javascript:alert(1)" },
            { label: "Read it", url: "file:///etc/passwd" },
            { label: "View", url: " HTTPS://Example.com/a b" },
          ],
        }),
        message({ id: 2, source: "ntfy", actions: [{ label: hostile, url: "data:text/html,<b>x</b>" }] }),
      ]),
    );
    await showing(1);
    const buttons = screen.getAllByTestId("detail-action");
    expect(buttons.map((b) => b.textContent)).toEqual(["View"]);
    expect(buttons[0]?.getAttribute("title")).toBe("View (opens https://example.com/a%20b)");

    await press("j");
    await showing(2);
    expect(screen.queryByTestId("detail-actions"), "no buttons at all when none is safe").toBeNull();
  });
});

describe("a mail's link", () => {
  it("opens a mid: link in the mail app and says so, instead of showing the raw link", async () => {
    const engine = fakeInbox([
      message({ id: 1, source: "imap", link: "mid:abc%2B1@example.org" }),
      message({ id: 2, source: "imap", link: "https://mail.example.org/search?q=abc" }),
    ]);
    await showInbox(engine);
    await showing(1);

    const link = screen.getByTestId("detail-link");
    expect(text(link)).toBe("Open in mail app");
    expect(link.getAttribute("title")).toBe("Open in your mail app (Enter)");
    expect(text(screen.getByTestId("detail-open"))).toBe("Open in mail app");
    expect(screen.getByTestId("detail-open").getAttribute("title")).toBe("Show this mail in your mail app (Enter)");
    expect(screen.getByTestId("message-detail").textContent, "the raw link is not shown").not.toContain("mid:");
    await press("Enter");
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "open_link", args: { url: "mid:abc%2B1@example.org" } }]),
    );

    await press("j");
    await showing(2);
    expect(text(screen.getByTestId("detail-link")), "a webmail link reads as a link").toBe(
      "https://mail.example.org/search?q=abc",
    );
    expect(text(screen.getByTestId("detail-open"))).toBe("Open");
  });
});
