import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SnoozeUntil } from "../bindings/SnoozeUntil";
import type { Status } from "../bindings/Status";
import { snoozeChoices } from "../lib/inbox-snooze";
import { PREVIEW_DELAY_MS } from "../lib/when-field.svelte";
import { fakeInbox, type FakeInbox } from "../test-support/inbox";
import { block, idleStatus, NOW, runningStatus } from "../test-support/status";
import { choicesAtNow, localAt, parseFrom } from "../test-support/when";
import SnoozeMenu from "./SnoozeMenu.svelte";

const items = (): HTMLElement[] => screen.getAllByRole("menuitem");
const lines = (): string[] => items().map((i) => i.textContent?.replace(/\s+/g, " ").trim() ?? "");
const typed = (): HTMLInputElement => screen.getByTestId<HTMLInputElement>("snooze-when");
const preview = (): string => screen.getByTestId("snooze-when-preview").textContent?.replace(/\s+/g, " ").trim() ?? "";
const press = (key: string, target: Element = document.activeElement ?? document.body): Promise<boolean> =>
  fireEvent.keyDown(target, { key });

/** An engine answering `snooze_choices` as at NOW and reading the texts `table` lists. */
function engineWith(table: Record<string, string> = {}, status: Status = idleStatus()): FakeInbox {
  const engine = fakeInbox([], status);
  engine.answers["snooze_choices"] = () => choicesAtNow(status.block?.deadline ?? null);
  engine.answers["parse_when"] = parseFrom(table);
  return engine;
}

function menu(status: Status = idleStatus()): {
  onchoose: ReturnType<typeof vi.fn<(until: SnoozeUntil) => void>>;
  oncancel: ReturnType<typeof vi.fn<() => void>>;
  unmount: () => void;
} {
  const onchoose = vi.fn<(until: SnoozeUntil) => void>();
  const oncancel = vi.fn<() => void>();
  const { unmount } = render(SnoozeMenu, { choices: snoozeChoices(status), count: 2, now: NOW, onchoose, oncancel });
  return { onchoose, oncancel, unmount };
}

const engineChoicesShown = (): Promise<void> => vi.waitFor(() => expect(lines()[0]).toMatch(/^1 In 1 hour/));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date", "setTimeout", "clearTimeout"] });
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

describe("the snooze menu", () => {
  it("offers the engine's choices, each with when it comes back, and a date picker last", async () => {
    const engine = engineWith();
    menu();
    await engineChoicesShown();

    expect(lines()).toEqual([
      "1 In 1 hour · 11:00",
      "2 This evening · 18:00",
      "3 Tomorrow · Wed 09:00",
      "4 Next week · Mon 09:00",
      "5 Pick a time… a date and time of your choice",
    ]);
    expect(
      engine.calls.filter((c) => c.cmd === "snooze_choices"),
      "asked once, as it opens",
    ).toHaveLength(1);
    expect(screen.getByRole("heading").textContent).toBe("Snooze 2 messages until");
  });

  it("puts the end of the running block first, at the block's deadline", async () => {
    engineWith({}, runningStatus(block()));
    menu(runningStatus(block()));
    await vi.waitFor(() => expect(lines()).toHaveLength(6));
    expect(lines()[0]).toBe("1 End of this block · 10:20");
  });

  it("shows the choices every engine knows while its own are on their way", () => {
    engineWith();
    menu(runningStatus(block()));
    expect(lines()).toEqual([
      "1 End of this block when the running block ends",
      "2 Tomorrow's first window the start of the next workday",
      "3 Next work window the next time work hours begin",
      "4 Pick a time… a date and time of your choice",
    ]);
  });

  it("keeps those choices when the engine does not answer", async () => {
    const engine = fakeInbox([]);
    engine.answers["snooze_choices"] = () => {
      throw { code: "internal", message: "no" };
    };
    const { onchoose } = menu();
    await vi.waitFor(() => expect(engine.calls.map((c) => c.cmd)).toContain("snooze_choices"));
    await vi.advanceTimersByTimeAsync(10);

    expect(lines().map((l) => l.split(" ")[1])).toEqual(["Tomorrow's", "Next", "Pick"]);
    await press("1");
    expect(onchoose).toHaveBeenCalledWith({ until: "next_workday" });
  });

  it("opens as a modal with the focus on the first choice, and keeps it there as the choices arrive", async () => {
    engineWith();
    menu();
    const dialog = screen.getByTestId<HTMLDialogElement>("snooze-menu");
    expect(dialog.open).toBe(true);
    expect(document.activeElement).toBe(items()[0]);
    await engineChoicesShown();
    expect(document.activeElement, "the new first line").toBe(items()[0]);
    expect(
      items().map((i) => i.tabIndex),
      "one Tab stop for the whole menu",
    ).toEqual([0, -1, -1, -1, -1]);
  });

  it("picks by number, with the engine's until passed on unchanged", async () => {
    engineWith();
    const { onchoose } = menu();
    await engineChoicesShown();
    await press("3");
    expect(onchoose).toHaveBeenCalledWith({ until: "next_workday" });
    await press("1");
    expect(onchoose).toHaveBeenLastCalledWith({ until: "time", at: localAt(0, 11) });
  });

  it("moves with j, k and the arrows, wrapping around, and picks with Enter", async () => {
    engineWith();
    const { onchoose } = menu();
    await engineChoicesShown();

    await press("j");
    await press("ArrowDown");
    expect(document.activeElement).toBe(items()[2]);
    await press("k");
    expect(document.activeElement).toBe(items()[1]);
    await press("ArrowUp");
    await press("ArrowUp");
    expect(document.activeElement, "up from the first is the last").toBe(items()[4]);
    await press("j");
    await press("j");
    expect(document.activeElement).toBe(items()[1]);

    await press("Enter");
    expect(onchoose).toHaveBeenCalledExactlyOnceWith({ until: "time", at: localAt(0, 18) });
  });

  it("previews a typed time a short pause after the typing, and snoozes to it with Enter", async () => {
    const engine = engineWith({ "mon 9": localAt(6, 9) });
    const { onchoose } = menu();
    await engineChoicesShown();

    await fireEvent.input(typed(), { target: { value: "mon 9" } });
    expect(
      engine.calls.filter((c) => c.cmd === "parse_when"),
      "not at every key",
    ).toEqual([]);
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    await vi.waitFor(() => expect(preview()).toBe("→ Mon 09:00"));
    expect(engine.calls.filter((c) => c.cmd === "parse_when").map((c) => c.args)).toEqual([{ text: "mon 9" }]);

    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(onchoose).toHaveBeenCalledWith({ until: "time", at: localAt(6, 9) }));
  });

  it("snoozes to a typed time on Enter without waiting for the preview", async () => {
    engineWith({ "2h": localAt(0, 12) });
    const { onchoose } = menu();
    await fireEvent.input(typed(), { target: { value: "2h" } });
    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(onchoose).toHaveBeenCalledWith({ until: "time", at: localAt(0, 12) }));
  });

  it("says why when the engine cannot read the typed text, and snoozes nothing", async () => {
    engineWith({});
    const { onchoose } = menu();
    await fireEvent.input(typed(), { target: { value: "someday" } });
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    await vi.waitFor(() => expect(preview()).toBe('Lull can\'t read "someday" as a time.'));
    expect(typed().getAttribute("aria-invalid")).toBe("true");
    expect(typed().getAttribute("aria-describedby"), "read out with the field").toBe("snooze-when-preview");

    await fireEvent.submit(typed());
    await vi.advanceTimersByTimeAsync(10);
    expect(onchoose).not.toHaveBeenCalled();
  });

  it("starts typing a time when a letter is pressed on the choices", async () => {
    engineWith({ f: localAt(3, 9) });
    menu();
    await engineChoicesShown();
    await press("f");
    expect(document.activeElement).toBe(typed());
    expect(typed().value).toBe("f");
  });

  it("snoozes until a date picked on the calendar", async () => {
    engineWith();
    const { onchoose } = menu();
    await engineChoicesShown();
    await press("5");
    const field = await vi.waitFor(() => screen.getByTestId<HTMLInputElement>("snooze-at"));
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
    await fireEvent.input(field, { target: { value: "2025-04-01T09:30" } });
    await fireEvent.submit(field);
    expect(onchoose).toHaveBeenCalledWith({ until: "time", at: new Date(2025, 3, 1, 9, 30).toISOString() });
  });

  it("closes with Esc, from the choices or the typed field, and gives the focus back", async () => {
    const opener = document.body.appendChild(document.createElement("button"));
    opener.focus();
    engineWith();
    const { oncancel, unmount } = menu();
    await press("Escape");
    expect(oncancel).toHaveBeenCalledTimes(1);
    typed().focus();
    await press("Escape");
    expect(oncancel).toHaveBeenCalledTimes(2);

    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
