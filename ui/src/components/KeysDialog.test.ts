import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { supportDialogs } from "../test-support/dialog";
import KeysDialog from "./KeysDialog.svelte";

beforeAll(supportDialogs);
afterEach(cleanup);

const close = (): HTMLElement => screen.getByRole("button", { name: /Close/ });

describe("the keys dialog", () => {
  it("opens as a modal, named by its heading, with the focus on Close", () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, "showModal");
    render(KeysDialog, { onclose: vi.fn() });
    const dialog = screen.getByTestId<HTMLDialogElement>("keys-dialog");
    expect(showModal).toHaveBeenCalledOnce();
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute("aria-labelledby")).toBe("keys-heading");
    expect(document.activeElement).toBe(close());
    showModal.mockRestore();
  });

  it("lists g, which groups the inbox by sender, by source or not at all", () => {
    render(KeysDialog, { onclose: vi.fn() });
    const row = screen.getByRole("rowheader", { name: "g" }).closest("tr");
    expect(row?.textContent).toContain("Group by the next way: sender, source, none");
  });

  it("keeps Tab on its one control, never letting the web view move the focus out", async () => {
    render(KeysDialog, { onclose: vi.fn() });
    expect(await fireEvent.keyDown(close(), { key: "Tab" }), "Tab is taken").toBe(false);
    expect(document.activeElement).toBe(close());
    expect(await fireEvent.keyDown(close(), { key: "Tab", shiftKey: true }), "Shift+Tab too").toBe(false);
    expect(document.activeElement).toBe(close());
  });

  it("closes with Esc, with ? again, and with Close, and gives the focus back", async () => {
    const opener = document.body.appendChild(document.createElement("button"));
    opener.focus();
    const onclose = vi.fn();
    const { unmount } = render(KeysDialog, { onclose });
    await fireEvent.keyDown(close(), { key: "Escape" });
    await fireEvent.keyDown(close(), { key: "?" });
    await fireEvent.click(close());
    expect(onclose).toHaveBeenCalledTimes(3);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
