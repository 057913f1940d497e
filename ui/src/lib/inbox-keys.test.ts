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
    ["g", "group"],
    ["?", "help"],
    ["Enter", "open"],
    ["o", "open"],
    ["Escape", "escape"],
  ])("maps %s to %s", (key, action) => {
    expect(inboxAction({ key })).toBe(action);
  });

  it("leaves keys with Ctrl, Alt or Meta to the web view and the desktop, but for Ctrl+A and Ctrl+Z", () => {
    expect(inboxAction({ key: "e", ctrlKey: true })).toBeNull();
    expect(inboxAction({ key: "j", altKey: true })).toBeNull();
    expect(inboxAction({ key: "u", metaKey: true })).toBeNull();
    expect(inboxAction({ key: "a", ctrlKey: true })).toBe("select_all");
    expect(inboxAction({ key: "z", ctrlKey: true })).toBe("undo");
    expect(inboxAction({ key: "Z", ctrlKey: true, shiftKey: true }), "no redo to pretend to").toBeNull();
    expect(inboxAction({ key: "a", metaKey: true })).toBeNull();
  });

  it.each([
    ["J", "extend_down"],
    ["ArrowDown", "extend_down"],
    ["K", "extend_up"],
    ["ArrowUp", "extend_up"],
    ["E", "done_group"],
    ["O", "open_app"],
    ["?", "help"],
  ])("maps Shift+%s to %s", (key, action) => {
    expect(inboxAction({ key, shiftKey: true })).toBe(action);
  });

  it("ignores keys it does not know, and reads a capital without Shift (Caps Lock) as the letter", () => {
    expect(inboxAction({ key: "q" })).toBeNull();
    expect(inboxAction({ key: "Q", shiftKey: true })).toBeNull();
    expect(inboxAction({ key: "E" }), "Caps Lock: e, not the whole group").toBe("done");
    expect(inboxAction({ key: "O" }), "Caps Lock: the link, not the app").toBe("open");
    expect(inboxAction({ key: "J" })).toBe("down");
  });

  it("leaves Ctrl+A and Ctrl+Z to a text field", () => {
    const field = document.createElement("input");
    expect(inboxAction({ key: "a", ctrlKey: true, target: field })).toBeNull();
    expect(inboxAction({ key: "z", ctrlKey: true, target: field })).toBeNull();
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
    for (const key of [
      "j",
      "k",
      "x",
      "Shift+j",
      "Shift+k",
      "Ctrl+A",
      "e",
      "E",
      "O",
      "s",
      "p",
      "u",
      "Ctrl+Z",
      "/",
      "g",
      "?",
    ]) {
      expect(documented, `${key} is in the help`).toContain(key);
    }
    for (const key of ["Enter", "o", "Esc"]) expect(documented, `${key} is in the help`).toContain(key);
  });
});
