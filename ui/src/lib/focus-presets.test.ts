import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { DEFAULT_PRESETS, forgetPresets, knownPresets, loadPresets, startChoices } from "./focus-presets";

afterEach(() => {
  clearMocks();
  forgetPresets();
});

describe("startChoices", () => {
  it("makes the first preset primary and offers every other one, in the user's order", () => {
    expect(startChoices([50, 15, 25, 90, 120, 5])).toEqual({ primary: 50, others: [15, 25, 90, 120, 5] });
  });

  it("drops repeats and lengths the engine would refuse", () => {
    expect(startChoices([25, 25, 0, -5, 1.5, 721, 50])).toEqual({ primary: 25, others: [50] });
  });

  it("offers the engine's defaults when nothing usable is left", () => {
    expect(startChoices([])).toEqual({ primary: 25, others: [50, 90] });
  });
});

describe("loadPresets", () => {
  it("reads the presets from the settings and keeps them for the next time the view opens", async () => {
    mockIPC((cmd) => {
      if (cmd === "settings") return defaultSettings({ focus_presets: [30, 60] });
      throw `command ${cmd} not found`;
    });
    expect(knownPresets(), "the defaults before any answer").toEqual(DEFAULT_PRESETS);
    expect(await loadPresets()).toEqual([30, 60]);
    expect(knownPresets()).toEqual([30, 60]);
  });

  it("keeps what it knew when the settings cannot be read", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "the database could not be read" };
    });
    expect(await loadPresets()).toEqual(DEFAULT_PRESETS);
  });
});
