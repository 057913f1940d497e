import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PREVIEW_DELAY_MS } from "../lib/when-field.svelte";
import { fakeInbox, type FakeInbox } from "../test-support/inbox";
import { NOW } from "../test-support/status";
import { localAt, parseFrom } from "../test-support/when";
import PinMenu from "./PinMenu.svelte";

const typed = (): HTMLInputElement => screen.getByTestId<HTMLInputElement>("pin-when");
const picked = (): HTMLInputElement => screen.getByTestId<HTMLInputElement>("pin-due");
const preview = (): string => screen.getByTestId("pin-when-preview").textContent?.replace(/\s+/g, " ").trim() ?? "";

function dialog(table: Record<string, string> = {}): {
  engine: FakeInbox;
  onpin: ReturnType<typeof vi.fn<(due: string | null) => void>>;
  oncancel: ReturnType<typeof vi.fn<() => void>>;
} {
  const engine = fakeInbox([]);
  engine.answers["parse_when"] = parseFrom(table);
  const onpin = vi.fn<(due: string | null) => void>();
  const oncancel = vi.fn<() => void>();
  render(PinMenu, { count: 1, onpin, oncancel, now: NOW });
  return { engine, onpin, oncancel };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date", "setTimeout", "clearTimeout"] });
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

describe("the pin dialog", () => {
  it("opens as a modal with the focus in the due field, saying what a pin does", () => {
    dialog();
    expect(screen.getByTestId<HTMLDialogElement>("pin-menu").open).toBe(true);
    expect(document.activeElement).toBe(typed());
    expect(preview()).toBe("Pinned messages stay on top of their group until unpinned.");
  });

  it("pins with no due date when nothing is filled in", async () => {
    const { onpin } = dialog();
    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(onpin).toHaveBeenCalledWith(null));
  });

  it("previews a typed due date and pins with it on Enter", async () => {
    const { onpin } = dialog({ "fri 17": localAt(3, 17) });
    await fireEvent.input(typed(), { target: { value: "fri 17" } });
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    await vi.waitFor(() => expect(preview()).toBe("→ Fri 17:00"));
    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(onpin).toHaveBeenCalledWith(localAt(3, 17)));
  });

  it("says why a typed due date cannot be read, and pins nothing", async () => {
    const { onpin } = dialog();
    await fireEvent.input(typed(), { target: { value: "whenever" } });
    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(preview()).toBe('Lull can\'t read "whenever" as a time.'));
    expect(typed().getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement, "back to the field at fault").toBe(typed());
    expect(onpin).not.toHaveBeenCalled();
  });

  it("pins with a date picked on the calendar; typing afterwards replaces it", async () => {
    const { onpin } = dialog({ tomorrow: localAt(1, 9) });
    await fireEvent.input(picked(), { target: { value: "2025-04-01T09:00" } });
    await fireEvent.submit(picked());
    await vi.waitFor(() => expect(onpin).toHaveBeenLastCalledWith(new Date(2025, 3, 1, 9, 0).toISOString()));

    await fireEvent.input(typed(), { target: { value: "tomorrow" } });
    expect(picked().value, "one due date at a time").toBe("");
    await fireEvent.submit(typed());
    await vi.waitFor(() => expect(onpin).toHaveBeenLastCalledWith(localAt(1, 9)));
  });

  it("clears the typed text when a date is picked", async () => {
    const { onpin } = dialog({ "2h": localAt(0, 12) });
    await fireEvent.input(typed(), { target: { value: "2h" } });
    await fireEvent.input(picked(), { target: { value: "2025-03-04T09:00" } });
    expect(typed().value).toBe("");
    await fireEvent.submit(picked());
    expect(screen.getByRole("alert").textContent, "a picked date in the past").toBe(
      "Choose a date and time in the future.",
    );
    expect(onpin).not.toHaveBeenCalled();
  });

  it("closes with Esc", async () => {
    const { oncancel } = dialog();
    await fireEvent.keyDown(typed(), { key: "Escape" });
    expect(oncancel).toHaveBeenCalledOnce();
  });
});
