import { afterEach, describe, expect, it, vi } from "vitest";
import { watchVisit } from "./inbox-visit";

/** What the web view reports as the window is hidden or shown again. */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

afterEach(() => {
  setVisibility("visible");
});

describe("a visit to the inbox", () => {
  it("ends once when the window is hidden and then closed, however many events say so", () => {
    const onleave = vi.fn();
    const stop = watchVisit({ onleave, onreturn: vi.fn() });
    setVisibility("hidden");
    window.dispatchEvent(new Event("pagehide"));
    stop();
    expect(onleave, "hidden, pagehide and the inbox going are one leave").toHaveBeenCalledTimes(1);
  });

  it("begins anew when the window is shown again, and ends again on the next leave", () => {
    const onleave = vi.fn();
    const onreturn = vi.fn();
    const stop = watchVisit({ onleave, onreturn });
    setVisibility("hidden");
    setVisibility("visible");
    expect(onreturn).toHaveBeenCalledTimes(1);
    setVisibility("visible");
    expect(onreturn, "shown while shown is no new visit").toHaveBeenCalledTimes(1);
    stop();
    expect(onleave, "one leave per visit").toHaveBeenCalledTimes(2);
  });

  it("ends when the inbox goes (another tab), and hears nothing after", () => {
    const onleave = vi.fn();
    const stop = watchVisit({ onleave, onreturn: vi.fn() });
    expect(onleave).not.toHaveBeenCalled();
    stop();
    expect(onleave).toHaveBeenCalledTimes(1);
    setVisibility("hidden");
    window.dispatchEvent(new Event("pagehide"));
    expect(onleave, "its listeners are gone with it").toHaveBeenCalledTimes(1);
  });
});
