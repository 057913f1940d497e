import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { manualTimers, type ManualTimers } from "../test-support/timers";
import UndoToast from "./UndoToast.svelte";

const toast = (): HTMLElement | null => screen.queryByTestId("undo-toast");

function shown(message: string | null = "3 marked done"): {
  timers: ManualTimers;
  onaction: ReturnType<typeof vi.fn<() => void>>;
  ondismiss: ReturnType<typeof vi.fn<() => void>>;
  rerender: (props: { message: string | null }) => Promise<void>;
} {
  const timers = manualTimers();
  const onaction = vi.fn<() => void>();
  const ondismiss = vi.fn<() => void>();
  const { rerender } = render(UndoToast, { message, onaction, ondismiss, timers });
  return { timers, onaction, ondismiss, rerender };
}

/** Lets Svelte draw what the timers changed. */
const drawn = (): Promise<void> => Promise.resolve().then(() => undefined);

afterEach(cleanup);

describe("the undo toast", () => {
  it("says what was done, with an Undo button, in a polite status region", () => {
    shown();
    const region = screen.getByTestId("undo-toast-region");
    expect(region.getAttribute("role")).toBe("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(screen.getByTestId("undo-toast-message").textContent).toBe("3 marked done");
    expect(screen.getByTestId("undo-toast-action").textContent?.trim()).toBe("Undo");
    expect(screen.getByRole("button", { name: "Dismiss" })).toBeTruthy();
  });

  it("shows nothing, but keeps its region, without a message", () => {
    shown(null);
    expect(toast()).toBeNull();
    expect(screen.getByTestId("undo-toast-region").getAttribute("role")).toBe("status");
  });

  it("fades after six seconds, then is gone and says so", async () => {
    const { timers, ondismiss } = shown();
    timers.advance(5999);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(false);
    timers.advance(1);
    await drawn();
    expect(toast()?.classList.contains("leaving"), "fading").toBe(true);
    expect(ondismiss).not.toHaveBeenCalled();
    timers.advance(200);
    await drawn();
    expect(toast()).toBeNull();
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it("stays as long as it is told", async () => {
    const timers = manualTimers();
    render(UndoToast, { message: "Snoozed", onaction: vi.fn(), ondismiss: vi.fn(), timeout: 10_000, timers });
    timers.advance(9000);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(false);
    timers.advance(1000);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(true);
  });

  it("does not fade while the pointer is over it, and counts again from the start when it leaves", async () => {
    const { timers, ondismiss } = shown();
    timers.advance(5000);
    await fireEvent.mouseEnter(toast()!);
    timers.advance(60_000);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(false);

    await fireEvent.mouseLeave(toast()!);
    timers.advance(5999);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(false);
    timers.advance(201);
    await drawn();
    expect(toast()).toBeNull();
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it("does not start counting for a new message while the pointer is over it", async () => {
    const { timers, rerender } = shown();
    await fireEvent.mouseEnter(toast()!);
    await rerender({ message: "Pinned 1 message" });
    timers.advance(60_000);
    await drawn();
    expect(screen.getByTestId("undo-toast-message").textContent).toBe("Pinned 1 message");
    expect(toast()?.classList.contains("leaving")).toBe(false);
  });

  it("does not fade while the focus is in it, and takes back a fade already begun", async () => {
    const { timers } = shown();
    timers.advance(6000);
    await drawn();
    expect(toast()?.classList.contains("leaving")).toBe(true);
    const undo = screen.getByTestId("undo-toast-action");
    undo.focus();
    await fireEvent.focusIn(undo);
    expect(toast()?.classList.contains("leaving"), "back in full").toBe(false);
    timers.advance(60_000);
    await drawn();
    expect(toast()).not.toBeNull();

    await fireEvent.focusOut(undo, { relatedTarget: document.body });
    timers.advance(6200);
    await drawn();
    expect(toast()).toBeNull();
  });

  it("undoes with its button, and hides", async () => {
    const { onaction, ondismiss } = shown();
    await fireEvent.click(screen.getByTestId("undo-toast-action"));
    expect(onaction).toHaveBeenCalledOnce();
    expect(ondismiss).not.toHaveBeenCalled();
    expect(toast()).toBeNull();
  });

  it("is dismissed with × or with Esc, without undoing", async () => {
    const first = shown();
    await fireEvent.click(screen.getByTestId("undo-toast-dismiss"));
    expect(first.ondismiss).toHaveBeenCalledOnce();
    expect(toast()).toBeNull();
    cleanup();

    const second = shown();
    await fireEvent.keyDown(screen.getByTestId("undo-toast-action"), { key: "Escape" });
    expect(second.ondismiss).toHaveBeenCalledOnce();
    expect(second.onaction).not.toHaveBeenCalled();
    expect(toast()).toBeNull();
  });

  it("shows again for a new message, counting from the start", async () => {
    const { timers, rerender } = shown();
    timers.advance(6200);
    await drawn();
    expect(toast()).toBeNull();

    await rerender({ message: "Snoozed 2 messages" });
    expect(screen.getByTestId("undo-toast-message").textContent).toBe("Snoozed 2 messages");
    timers.advance(4000);
    await rerender({ message: "1 marked done" });
    timers.advance(4000);
    await drawn();
    expect(toast()?.classList.contains("leaving"), "the count began again with the new message").toBe(false);
    expect(timers.waiting(), "one count, not two").toBe(1);
  });
});
