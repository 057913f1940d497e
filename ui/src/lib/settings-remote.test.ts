import { describe, expect, it } from "vitest";
import { statusFinder, uniqueId } from "./settings-remote";

describe("what the remote sources share", () => {
  it("numbers a new item's stem until it is free", () => {
    expect(uniqueId(undefined, [], "gotify")).toBe("gotify-1");
    expect(uniqueId(undefined, ["mail-1", "mail-2"], "mail")).toBe("mail-3");
    expect(uniqueId("push", ["push"], "gotify"), "a taken name is numbered, not the stem").toBe("push-2");
  });

  it("finds a status by id: undefined while loading, null for one the engine does not run yet", () => {
    const running = { state: "running" as const, detail: null };
    expect(statusFinder(null)("work/INBOX")).toBeUndefined();
    const find = statusFinder([{ id: "work/INBOX", status: running }]);
    expect(find("work/INBOX")).toEqual(running);
    expect(find("work/Sent")).toBeNull();
  });
});
