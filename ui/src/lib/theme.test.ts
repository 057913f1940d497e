import { afterEach, describe, expect, it, vi } from "vitest";
import { watchTheme } from "./theme";

/** A stand-in for the system's dark preference, which jsdom does not have. */
function fakeDarkPreference() {
  const listeners = new Set<() => void>();
  const media = {
    matches: false,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal("matchMedia", (query: string) => {
    expect(query).toBe("(prefers-color-scheme: dark)");
    return media;
  });
  return {
    listeners,
    flip: () => {
      media.matches = !media.matches;
      for (const listener of listeners) listener();
    },
  };
}

/** MutationObserver reports after the current task's microtasks. */
const observed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
  delete document.documentElement.dataset["theme"];
});

describe("watchTheme", () => {
  it("calls back when the system switches between light and dark", () => {
    const system = fakeDarkPreference();
    const onChange = vi.fn();
    const stop = watchTheme(onChange);
    system.flip();
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
    expect(system.listeners.size, "stops listening").toBe(0);
  });

  it("calls back when <html data-theme> is set or removed, and for nothing else", async () => {
    fakeDarkPreference();
    const onChange = vi.fn();
    const stop = watchTheme(onChange);
    document.documentElement.dataset["theme"] = "dark";
    await observed();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.documentElement.lang = "en";
    await observed();
    expect(onChange, "another attribute is no theme").toHaveBeenCalledTimes(1);
    delete document.documentElement.dataset["theme"];
    await observed();
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    document.documentElement.dataset["theme"] = "light";
    await observed();
    expect(onChange, "nothing after stopping").toHaveBeenCalledTimes(2);
  });
});
