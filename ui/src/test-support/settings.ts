/** Builders for the settings view's answers: the engine's defaults, and what the desktop reports. */

import type { DesktopStatus, Settings, Sources } from "../lib/settings-ipc";

const workday = () => [
  { start: "09:00", end: "12:00" },
  { start: "13:00", end: "17:30" },
];

/** The engine's default settings (crates/core/src/settings.rs). */
export function defaultSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    work_hours: {
      week: {
        monday: workday(),
        tuesday: workday(),
        wednesday: workday(),
        thursday: workday(),
        friday: workday(),
        saturday: [],
        sunday: [],
      },
      days_off: ["2025-12-25"],
    },
    rules: [
      { source: null, sender: null, app: null, min_priority: 5, keyword: null, tag: null, focus: true, quiet: false },
    ],
    delivery: { mode: "immediate" },
    review_time: null,
    schedule: [{ id: 1, days: ["monday", "wednesday"], start: "09:00", end: "10:30", intent: "Deep work" }],
    focus_presets: [25, 50, 90],
    retention_days: 90,
    hooks: [],
    capture_desktop: true,
    desktop_dnd: true,
    shortcut: "Ctrl+Alt+F",
    ...overrides,
  };
}

export const TOKEN = "k3y-7fQ2x9Lm";
export const API_URL = "http://127.0.0.1:48211";

export function sources(overrides: Partial<Sources> = {}): Sources {
  return { api_url: API_URL, api_error: null, token: TOKEN, ...overrides };
}

export function desktopStatus(overrides: Partial<DesktopStatus> = {}): DesktopStatus {
  return {
    capture: { state: "running", detail: null },
    dnd: { adapter: "dunst", on: false, users: false, detail: null },
    autostart: false,
    shortcut: { registered: true, detail: null },
    ...overrides,
  };
}
