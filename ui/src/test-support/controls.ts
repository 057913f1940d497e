/**
 * What a keyboard user and a screen reader find in a part of the window: each control that
 * takes focus, with the name it is announced by.
 */

/** The name a control is announced by: its `aria-label`, its `<label>` (wrapping or `for`), or a button's text. */
export function accessibleName(control: HTMLElement): string {
  const own = control.getAttribute("aria-label");
  if (own !== null) return own.trim();
  const byFor =
    control.id === "" ? undefined : [...document.querySelectorAll("label")].find((l) => l.htmlFor === control.id);
  const label = byFor ?? control.closest("label");
  const text = label?.textContent ?? (control.tagName === "BUTTON" ? control.textContent : "");
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Every control in `within`, with its name and whether Tab reaches it (it is not taken out of the order). */
export function controlsIn(within: HTMLElement): { testId: string; name: string; tabbable: boolean }[] {
  return [...within.querySelectorAll<HTMLElement>("input, select, textarea, button")].map((control) => ({
    testId: control.dataset["testid"] ?? control.tagName.toLowerCase(),
    name: accessibleName(control),
    tabbable: control.tabIndex >= 0,
  }));
}
