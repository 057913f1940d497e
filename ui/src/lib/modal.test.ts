import { fireEvent } from "@testing-library/svelte";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { supportDialogs } from "../test-support/dialog";
import { modal, tabbables } from "./modal";

beforeAll(supportDialogs);

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  document.body.replaceChildren();
});

/** A page with an opener button and a dialog holding a heading and three controls, one disabled. */
function page(): { opener: HTMLButtonElement; dialog: HTMLDialogElement; controls: HTMLElement[] } {
  document.body.innerHTML = `
    <button id="opener">Snooze</button>
    <dialog>
      <h2 tabindex="-1">Heading</h2>
      <div class="list" style="overflow:auto">
        <button id="a">One</button>
        <button disabled>Off</button>
        <input id="b" type="text" />
      </div>
      <button id="c">Cancel</button>
    </dialog>`;
  const opener = document.getElementById("opener") as HTMLButtonElement;
  const dialog = document.querySelector("dialog")!;
  const controls = ["a", "b", "c"].map((id) => document.getElementById(id)!);
  opener.focus();
  return { opener, dialog, controls };
}

function open(dialog: HTMLDialogElement, options: Parameters<typeof modal>[0] = {}): () => void {
  const cleanup = modal(options)(dialog);
  if (typeof cleanup !== "function") throw new Error("the attachment returns its cleanup");
  cleanups.push(cleanup);
  return cleanup;
}

describe("a modal dialog", () => {
  it("opens with showModal, its first control focused and every part scrolled to the top", () => {
    const { dialog, controls } = page();
    const list = dialog.querySelector<HTMLElement>(".list")!;
    list.scrollTop = 40;
    const showModal = vi.spyOn(dialog, "showModal");

    open(dialog);

    expect(showModal, "the rest of the window becomes inert").toHaveBeenCalledOnce();
    expect(dialog.open).toBe(true);
    expect(document.activeElement, "the first control Tab reaches, not the disabled one").toBe(controls[0]);
    expect(list.scrollTop, "focusing a control does not leave it half-way down").toBe(0);
  });

  it("focuses the element its owner names", () => {
    const { dialog } = page();
    const heading = dialog.querySelector("h2") as HTMLElement;
    open(dialog, { initial: () => heading });
    expect(document.activeElement).toBe(heading);
  });

  it("keeps Tab and Shift+Tab inside the dialog", async () => {
    const { dialog, controls } = page();
    const [first, , last] = controls as [HTMLElement, HTMLElement, HTMLElement];
    open(dialog);
    expect(tabbables(dialog), "disabled controls and tabindex -1 are skipped").toEqual(controls);

    last.focus();
    await fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement, "Tab from the last control goes to the first").toBe(first);
    await fireEvent.keyDown(first, { key: "Tab", shiftKey: true });
    expect(document.activeElement, "Shift+Tab from the first goes to the last").toBe(last);

    const heading = dialog.querySelector("h2") as HTMLElement;
    heading.focus();
    await fireEvent.keyDown(heading, { key: "Tab" });
    expect(document.activeElement, "from the focused heading, the control after it").toBe(first);
  });

  it("hands Esc to its owner and keeps it from the page behind", async () => {
    const { dialog, controls } = page();
    const ondismiss = vi.fn();
    const behind = vi.fn();
    document.addEventListener("keydown", behind);
    open(dialog, { ondismiss });

    await fireEvent.keyDown(controls[1]!, { key: "Escape" });

    expect(ondismiss).toHaveBeenCalledOnce();
    expect(behind, "the inbox's own Esc (clear the selection) does not run").not.toHaveBeenCalled();
    expect(dialog.open, "the owner closes it, by removing it").toBe(true);
    document.removeEventListener("keydown", behind);
  });

  it("hands the web view's cancel and a click on the backdrop to its owner", async () => {
    const { dialog, controls } = page();
    const ondismiss = vi.fn();
    open(dialog, { ondismiss });

    const cancel = new Event("cancel", { cancelable: true });
    dialog.dispatchEvent(cancel);
    expect(cancel.defaultPrevented, "the dialog does not close behind its owner's back").toBe(true);
    expect(ondismiss).toHaveBeenCalledTimes(1);

    await fireEvent.click(controls[0]!);
    expect(ondismiss, "a click inside is not a click outside").toHaveBeenCalledTimes(1);
    await fireEvent.mouseDown(controls[0]!);
    await fireEvent.click(dialog);
    expect(ondismiss, "nor is a press inside released outside").toHaveBeenCalledTimes(1);
    await fireEvent.mouseDown(dialog);
    await fireEvent.click(dialog);
    expect(ondismiss, "a click on the backdrop").toHaveBeenCalledTimes(2);
  });

  it("leaves Esc alone when its owner handles it", async () => {
    const { dialog, controls } = page();
    const behind = vi.fn();
    document.addEventListener("keydown", behind);
    open(dialog);
    await fireEvent.keyDown(controls[0]!, { key: "Escape" });
    expect(behind).toHaveBeenCalledOnce();
    document.removeEventListener("keydown", behind);
  });

  it("closes and gives the focus back to where it was when it goes", () => {
    const { opener, dialog } = page();
    const close = open(dialog);
    expect(document.activeElement).not.toBe(opener);

    close();

    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it("leaves the focus where its owner put it on closing", () => {
    const { dialog } = page();
    const elsewhere = document.createElement("button");
    document.body.append(elsewhere);
    const close = open(dialog);
    elsewhere.focus();
    close();
    expect(document.activeElement).toBe(elsewhere);
  });
});
