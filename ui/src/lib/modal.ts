/**
 * What makes a `<dialog>` a modal the way every dialog of the window behaves: opened with
 * `showModal()` (the rest of the window inert, the dialog in the top layer), scrolled to the top,
 * focus on its first control, Tab and Shift+Tab kept inside, Esc and a click outside handed to
 * the owner, and focus back where it was once the dialog goes.
 *
 * The owner decides what closing means (the snooze menu unmounts, the welcome guide skips), so
 * Esc does not close the dialog itself: it calls `ondismiss`, and the dialog closes when the
 * owner removes it. Tab is kept in by hand as well as by `inert`: at the last control, a web
 * view without browser chrome would otherwise hand the focus to the desktop.
 *
 * A Svelte attachment: `<dialog {@attach modal({ ondismiss })}>`.
 */

import { untrack } from "svelte";
import type { Attachment } from "svelte/attachments";

export type ModalOptions = {
  /** Esc (the key, or the web view's `cancel`) and a click on the backdrop; none: the owner handles Esc. */
  ondismiss?: () => void;
  /** What takes the focus on opening; none or `null`: the first control that Tab reaches. */
  initial?: () => HTMLElement | null | undefined;
};

const TABBABLE = [
  "a[href]",
  "button",
  "input:not([type=hidden])",
  "select",
  "textarea",
  "[tabindex]",
  "[contenteditable=true]",
].join(",");

/** The controls Tab reaches inside `root`, in order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.matches(":disabled") && el.closest("[hidden], [inert]") === null,
  );
}

export function modal(options: ModalOptions = {}): Attachment<HTMLDialogElement> {
  return (dialog) =>
    // What the options read (the initial control, say) is read once: the dialog is not reopened
    // when it changes.
    untrack(() => open(dialog, options));
}

function open(dialog: HTMLDialogElement, { ondismiss, initial }: ModalOptions): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (!dialog.open) dialog.showModal();
  const first = initial?.() ?? tabbables(dialog)[0] ?? dialog;
  if (first === dialog && !dialog.hasAttribute("tabindex")) dialog.tabIndex = -1;
  first.focus({ preventScroll: true });
  scrollToTop(dialog);

  function onkeydown(event: KeyboardEvent): void {
    if (event.key === "Escape" && ondismiss !== undefined && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      ondismiss();
    } else if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
      keepTabInside(dialog, event);
    }
  }

  function oncancel(event: Event): void {
    // Esc where the web view sends `cancel` rather than the key. Left alone, it would close the
    // dialog behind its owner's back.
    event.preventDefault();
    ondismiss?.();
  }

  // A click whose press began inside the dialog (selecting text, say) is not a click outside.
  let pressedInside = false;
  function onmousedown(event: MouseEvent): void {
    pressedInside = event.target !== dialog;
  }
  function onclick(event: MouseEvent): void {
    // With no padding on the dialog, a click that lands on the dialog itself is on its backdrop.
    if (event.target === dialog && !pressedInside) ondismiss?.();
    pressedInside = false;
  }

  dialog.addEventListener("keydown", onkeydown);
  if (ondismiss !== undefined) {
    dialog.addEventListener("cancel", oncancel);
    dialog.addEventListener("mousedown", onmousedown);
    dialog.addEventListener("click", onclick);
  }
  return () => {
    dialog.removeEventListener("keydown", onkeydown);
    dialog.removeEventListener("cancel", oncancel);
    dialog.removeEventListener("mousedown", onmousedown);
    dialog.removeEventListener("click", onclick);
    const active = document.activeElement;
    const hadFocus = active === null || active === document.body || dialog.contains(active);
    if (dialog.open) dialog.close();
    // Back where it was, unless the owner has already put the focus somewhere on purpose.
    if (hadFocus && opener !== null && opener.isConnected) opener.focus({ preventScroll: true });
  };
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepTabInside(dialog: HTMLDialogElement, event: KeyboardEvent): void {
  const controls = tabbables(dialog);
  const first = controls[0];
  const last = controls.at(-1);
  if (first === undefined || last === undefined) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const outside = !(active instanceof HTMLElement) || !dialog.contains(active) || active === dialog;
  let target: HTMLElement | undefined;
  if (outside) {
    target = event.shiftKey ? last : first;
  } else if (!controls.includes(active)) {
    // On something Tab does not reach (a heading given the focus): the next control after it.
    const before = controls.filter((c) => c.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
    target = event.shiftKey ? before.at(-1) : controls[before.length];
    target ??= event.shiftKey ? last : first;
  } else if (event.shiftKey && active === first) {
    target = last;
  } else if (!event.shiftKey && active === last) {
    target = first;
  }
  // Between the two ends the web view moves the focus itself (through a date field's parts too).
  if (target === undefined) return;
  event.preventDefault();
  target.focus();
}

/** Focusing a control low in a long dialog must not leave it opened half-way down. */
function scrollToTop(dialog: HTMLDialogElement): void {
  for (const el of [dialog, ...dialog.querySelectorAll<HTMLElement>("*")]) {
    if (el.scrollTop !== 0) el.scrollTop = 0;
  }
}
