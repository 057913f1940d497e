import { describe, expect, it } from "vitest";
import { safeLink } from "./inbox-links";

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
});
