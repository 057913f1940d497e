/**
 * Keeps keyboard focus inside the window when the element holding it disappears.
 *
 * Starting a block swaps the start form for the countdown (and stopping swaps it back), which
 * drops focus to `<body>` and sends a keyboard user back to the top. Focus is moved only when it
 * was lost that way, never taken from an element that still holds it.
 */
export function focusIfLost(element: HTMLElement | undefined): void {
  if (element === undefined) return;
  const active = document.activeElement;
  if (active === null || active === document.body) {
    element.focus({ preventScroll: true });
  }
}
