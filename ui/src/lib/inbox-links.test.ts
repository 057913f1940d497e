import { describe, expect, it } from "vitest";
import { linkKind, safeActions, safeLink } from "./inbox-links";

describe("which links a message may offer", () => {
  it.each([
    ["https://ci.example.com/build/42", "https://ci.example.com/build/42"],
    ["http://example.com", "http://example.com/"],
    ["  HTTPS://Example.com/a b", "https://example.com/a%20b"],
    ["mailto:alice@example.com", "mailto:alice@example.com"],
    ["mid:abc%2B1@example.org", "mid:abc%2B1@example.org"],
    [" MID:new-1@example.org", "mid:new-1@example.org"],
  ])("offers %j", (link, offered) => {
    expect(safeLink(link)).toBe(offered);
  });

  it.each([
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "java\u0000script:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "tauri://localhost/index.html",
    "ipc://localhost/status",
    "/relative/path",
    "//evil.example.com",
    "not a url",
    "mid:",
    "",
  ])("refuses %j", (link) => {
    expect(safeLink(link)).toBeNull();
  });

  it("offers nothing when there is no link", () => {
    expect(safeLink(null)).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });

  it("says where an offered link opens: a mid: or mailto: link in the mail app, the rest in the browser", () => {
    expect(linkKind("mid:abc@example.org")).toBe("mid");
    expect(linkKind("mailto:alice@example.com")).toBe("mailto");
    expect(linkKind("https://mail.example.org/search?q=mid:abc")).toBe("web");
  });
});

describe("which of a message's buttons are offered", () => {
  it("keeps those whose link is safe, normalised as the link is, in their order, and at most three", () => {
    expect(
      safeActions([
        { label: "Run", url: "javascript:alert(1)" },
        { label: "View", url: " HTTPS://Example.com/a b" },
        { label: "Mail", url: "mailto:oncall@example.com" },
        { label: "File", url: "file:///etc/passwd" },
        { label: "One", url: "https://example.com/1" },
        { label: "Two", url: "https://example.com/2" },
      ]),
    ).toEqual([
      { label: "View", url: "https://example.com/a%20b" },
      { label: "Mail", url: "mailto:oncall@example.com" },
      { label: "One", url: "https://example.com/1" },
    ]);
  });

  it("names a button without a label by its link, and offers none when there are none", () => {
    expect(safeActions([{ label: "  ", url: "https://example.com/" }])).toEqual([
      { label: "https://example.com/", url: "https://example.com/" },
    ]);
    expect(safeActions(undefined)).toEqual([]);
    expect(safeActions([])).toEqual([]);
  });
});
