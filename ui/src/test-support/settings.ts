/**
 * Builders for the settings view's answers (the engine's defaults, what the desktop reports, publish
 * tokens), and a stand-in engine that answers the view's commands.
 */

import { mockIPC } from "@tauri-apps/api/mocks";
import type { Status } from "../bindings/Status";
import type { SubscriptionStatus } from "../bindings/SubscriptionStatus";
import type { CreatedToken, DesktopStatus, NewToken, PublishToken, Settings, Sources } from "../lib/settings-ipc";
import { idleStatus } from "./status";

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
    file_delivered_after_hours: 8,
    hooks: [],
    capture_desktop: true,
    desktop_dnd: true,
    shortcut: "Ctrl+Alt+F",
    inbox_grouping: "sender",
    ntfy: [],
    gotify: [],
    imap: [],
    away: { hold: true, idle_minutes: 10, pause_blocks: false },
    calendars: [],
    meetings: { quiet: true, focus_marker: "#focus", addresses: [] },
    screens: { quiet: true },
    focus_time: { daily_minutes: 0, block_minutes: 50, ics_file: false },
    ...overrides,
  };
}

export const TOKEN = "k3y-7fQ2x9Lm";
export const API_URL = "http://127.0.0.1:48211";

export function sources(overrides: Partial<Sources> = {}): Sources {
  return {
    api_url: API_URL,
    api_error: null,
    api_warning: null,
    token: TOKEN,
    ntfy: [],
    gotify: [],
    imap: [],
    calendars: [],
    secrets: null,
    ...overrides,
  };
}

export function desktopStatus(overrides: Partial<DesktopStatus> = {}): DesktopStatus {
  return {
    capture: { state: "running", detail: null },
    dnd: { adapter: "dunst", on: false, users: false, detail: null },
    autostart: false,
    shortcut: { registered: true, detail: null },
    tray: true,
    presence: {
      lock: ["org.gnome.ScreenSaver"],
      sleep: "logind",
      idle: "X11",
      screen: "X11",
      share: "org.gnome.Mutter.ScreenCast",
    },
    ...overrides,
  };
}

/** When the fake engine makes and revokes tokens: midday UTC, the same day in every time zone a test may run in. */
export const MADE_AT = "2026-03-02T12:00:00Z";
export const REVOKED_AT = "2026-03-05T12:00:00Z";

export function publishToken(overrides: Partial<PublishToken> = {}): PublishToken {
  return { id: 1, name: "CI", topics: [], max_priority: null, created_at: MADE_AT, revoked_at: null, ...overrides };
}

/** The secret the fake engine gives the token with `id`: `lullp_` and 64 hex digits, as the core makes them. */
export const secretOf = (id: number): string => `lullp_${id.toString(16).padStart(64, "c0ffee")}`;

export type Call = { cmd: string; args: Record<string, unknown> };

export type FakeSettingsEngine = {
  /** What `status` answers; `finish_first_run` ends its first run. */
  status: Status;
  settings: Settings;
  /** The control token. */
  token: string;
  tokens: PublishToken[];
  /** What `sources` answers for each ntfy subscription. */
  ntfy: SubscriptionStatus[];
  /** What `sources` answers for each Gotify server. */
  gotify: SubscriptionStatus[];
  /** What `sources` answers for each mail folder, by `<account>/<folder>`. */
  imap: SubscriptionStatus[];
  /** What `sources` answers for each calendar, by id. */
  calendars: SubscriptionStatus[];
  /** The secrets `store_secret` keeps, by source (`ntfy/<id>`, `gotify/<id>`, `imap/<id>`, `calendar/<id>`). */
  secrets: Map<string, string>;
  calls: Call[];
};

/**
 * A stand-in engine for the settings view and the welcome guide: answers their reads (and the
 * window's `status`), stores what `update_settings` is sent, makes and revokes publish tokens
 * with the core's refusals (a name taken, no such working token), keeps and forgets secrets
 * (`store_secret`), answers `sources` with `ntfy`'s, `gotify`'s, `imap`'s and `calendars`' statuses, ends the first run, and
 * records every command with its input (the one `request`, unwrapped, as in ipc.ts). Events are
 * mocked too, so `emit` reaches the window. `answers` replaces a command's answer; throw in one
 * to refuse.
 */
export function fakeSettingsEngine(
  answers: Record<string, (args: Record<string, unknown>) => unknown> = {},
  tokens: PublishToken[] = [],
  status: Status = idleStatus(),
): FakeSettingsEngine {
  const engine: FakeSettingsEngine = {
    status,
    settings: defaultSettings(),
    token: TOKEN,
    tokens,
    ntfy: [],
    gotify: [],
    imap: [],
    calendars: [],
    secrets: new Map(),
    calls: [],
  };

  function create(request: NewToken): CreatedToken {
    const name = request.name.trim();
    if (engine.tokens.some((t) => t.revoked_at === null && t.name === name)) {
      throw {
        code: "token_name_taken",
        message: `a token called "${name}" exists; revoke it first or pick another name`,
        field: "name",
      };
    }
    const id = Math.max(0, ...engine.tokens.map((t) => t.id)) + 1;
    const token = publishToken({ id, name, topics: request.topics ?? [], max_priority: request.max_priority ?? null });
    engine.tokens.push(token);
    return { token, secret: secretOf(id) };
  }

  function revoke(name: string): PublishToken {
    const token = engine.tokens.find((t) => t.revoked_at === null && t.name === name);
    if (token === undefined)
      throw { code: "unknown_token", message: `no working token is called "${name}"`, field: "name" };
    token.revoked_at = REVOKED_AT;
    return token;
  }

  mockIPC(
    (cmd, raw) => {
      const given = (raw ?? {}) as Record<string, unknown>;
      const args = (typeof given["request"] === "object" ? given["request"] : given) as Record<string, unknown>;
      engine.calls.push({ cmd, args });
      const answer = answers[cmd];
      if (answer) return answer(args);
      switch (cmd) {
        case "status":
          return engine.status;
        case "finish_first_run":
          engine.status = { ...engine.status, first_run: false };
          return engine.status;
        case "settings":
          return engine.settings;
        case "update_settings":
          engine.settings = args["settings"] as Settings;
          return engine.settings;
        case "sources":
          return {
            ...sources({
              token: engine.token,
              ntfy: structuredClone(engine.ntfy),
              gotify: structuredClone(engine.gotify),
              imap: structuredClone(engine.imap),
            }),
            calendars: structuredClone(engine.calendars),
          };
        case "desktop":
          return desktopStatus();
        case "rotate_token":
          engine.token = "n3w-t0ken";
          return engine.token;
        case "tokens":
          // Copies, as over IPC: the view never holds the engine's own objects.
          return structuredClone([
            ...engine.tokens.filter((t) => t.revoked_at === null),
            ...engine.tokens.filter((t) => t.revoked_at !== null),
          ]);
        case "create_token":
          return structuredClone(create(args as NewToken));
        case "revoke_token":
          return structuredClone(revoke(args["name"] as string));
        case "store_secret": {
          // Whether there was one to keep or forget, as the desktop command answers.
          const source = args["source"] as string;
          const secret = args["secret"] as string | null;
          if (secret !== null) engine.secrets.set(source, secret);
          return secret !== null || engine.secrets.delete(source);
        }
      }
      // Tauri rejects an unknown command with a bare string.
      throw `command ${cmd} not found`;
    },
    { shouldMockEvents: true },
  );
  return engine;
}
