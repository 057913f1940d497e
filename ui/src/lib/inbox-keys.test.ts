import { describe, expect, it } from "vitest";
import { inboxAction, isTyping, KEY_HELP } from "./inbox-keys";

describe("the inbox's keys", () => {
  it.each([
    ["j", "down"],
    ["ArrowDown", "down"],
    ["k", "up"],
    ["ArrowUp", "up"],
    ["x", "select"],
    ["e", "done"],
    ["s", "snooze"],
    ["p", "pin"],
    ["u", "undo"],
    ["/", "search"],
    ["?", "help"],
    ["Enter", "open"],
    ["o", "open"],
    ["Escape", "escape"],
  ])("maps %s to %s", (key, action) => {
    expect(inboxAction({ key })).toBe(action);
  });

  it("leaves keys with Ctrl, Alt or Meta to the web view and the desktop", () => {
    expect(inboxAction({ key: "e", ctrlKey: true })).toBeNull();
    expect(inboxAction({ key: "j", altKey: true })).toBeNull();
    expect(inboxAction({ key: "u", metaKey: true })).toBeNull();
  });

  it("ignores keys it does not know, and capital letters (Shift is not e)", () => {
    expect(inboxAction({ key: "q" })).toBeNull();
    expect(inboxAction({ key: "E" })).toBeNull();
  });

  it("never fires while the user types in a field or works in a dialog", () => {
    const field = document.createElement("input");
    const checkbox = Object.assign(document.createElement("input"), { type: "checkbox" });
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    const inDialog = dialog.appendChild(document.createElement("button"));
    const area = document.createElement("textarea");
    expect(inboxAction({ key: "j", target: field })).toBeNull();
    expect(inboxAction({ key: "e", target: area })).toBeNull();
    expect(inboxAction({ key: "e", target: inDialog })).toBeNull();
    expect(isTyping(checkbox), "a checkbox takes no letters").toBe(false);
    expect(inboxAction({ key: "e", target: document.body })).toBe("done");
  });

  it("documents every key it handles in the ? dialog", () => {
    const documented = KEY_HELP.flatMap((entry) => entry.keys).join(" ");
    for (const key of ["j", "k", "x", "e", "s", "p", "u", "/", "?", "Enter", "o", "Esc"]) {
      expect(documented, `${key} is in the help`).toContain(key);
    }
  });
});
