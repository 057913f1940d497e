/**
 * A stand-in engine for the inbox: messages in memory, grouped and paged the way the core does
 * (groups newest first, by sender, by source or not at all as the stored settings'
 * `inbox_grouping` says; keyset pages, 400-character previews), the flat views in their orders,
 * triage commands that change state (`done_all` too), each message's story, the installed apps
 * captured notifications name (`message_app`, `open_app`), the last review, the settings
 * (`settings`, `update_settings`), and every call recorded. Tests state only the messages
 * they are about.
 */

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo } from "../bindings/AppInfo";
import type { GroupKey } from "../bindings/GroupKey";
import type { Grouping } from "../bindings/Grouping";
import type { InboxGroup } from "../bindings/InboxGroup";
import type { InboxOverview } from "../bindings/InboxOverview";
import type { InboxPage } from "../bindings/InboxPage";
import type { InboxView } from "../bindings/InboxView";
import type { Message } from "../bindings/Message";
import type { Missed } from "../bindings/Missed";
import type { MessageStory } from "../bindings/MessageStory";
import type { PinState } from "../bindings/PinState";
import type { Settings } from "../bindings/Settings";
import type { Status } from "../bindings/Status";
import { INBOX_EVENT } from "../lib/ipc";
import { supportDialogs } from "./dialog";
import { defaultSettings } from "./settings";
import { iso, NOW, idleStatus } from "./status";

export type Call = { cmd: string; args: Record<string, unknown> };

/** What a test's answer returns to let the fake answer as it would have. */
export const AS_USUAL = Symbol("the fake engine's own answer");

let nextId = 1;

export function message(overrides: Partial<Message> = {}): Message {
  const id = overrides.id ?? nextId++;
  return {
    id,
    source: "api",
    source_detail: null,
    sender: "CI",
    title: `Build ${id}`,
    body: `Body of message ${id}`,
    link: null,
    priority: 3,
    tags: [],
    thread: null,
    dedupe_key: null,
    received_at: iso(NOW - id * 1000),
    state: "released",
    decision: "held",
    block_id: null,
    delivered_at: null,
    released_at: null,
    done_at: null,
    snoozed_until: null,
    pinned: false,
    pin_due: null,
    digest_id: null,
    via: null,
    ...overrides,
  };
}

/** `count` messages from `sender`, ids from `firstId` up, the newest (highest id) first in time. */
export function messagesFrom(sender: string, count: number, firstId: number): Message[] {
  return Array.from({ length: count }, (_, i) =>
    message({ id: firstId + i, sender, received_at: iso(NOW - 1_000_000 + (firstId + i) * 1000) }),
  );
}

/** The key of `m`'s group when the inbox is grouped `by` (not grouped: the key the core gives the newest message). */
export function keyOf(m: Message, by: Grouping = "sender"): GroupKey {
  if (by !== "sender") return { source: m.source, who: "", thread: "", by };
  return { source: m.source, who: m.sender ?? m.source_detail ?? "", thread: m.thread ?? "", by };
}

const sameKey = (a: GroupKey, b: GroupKey): boolean =>
  a.source === b.source && a.who === b.who && a.thread === b.thread && a.by === b.by;
/** Whether `m` is in the group `key` picks: grouped by source any sender, not grouped any message. */
const inGroup = (m: Message, key: GroupKey): boolean =>
  key.by === "flat" || (key.by === "source" ? m.source === key.source : sameKey(keyOf(m), key));
const newestFirst = (a: Message, b: Message): number => b.received_at.localeCompare(a.received_at) || b.id - a.id;
const preview = (m: Message): Message => ({ ...m, body: m.body.slice(0, 400) });
const open = (m: Message): boolean => m.state !== "done" && m.state !== "snoozed";
/** Commands that change nothing: `commands()` leaves them out. */
const READS = [
  "status",
  "inbox_overview",
  "inbox_group",
  "inbox",
  "message",
  "message_story",
  "message_app",
  "search",
  "snooze_choices",
  "parse_when",
  "settings",
];
const FAR = "9999-12-31T00:00:00.000Z";

/** Each flat view's messages and order, as the core's `view_page` has them. */
const VIEWS: Record<InboxView, { has: (m: Message) => boolean; order: (a: Message, b: Message) => number }> = {
  inbox: { has: open, order: newestFirst },
  pinned: {
    has: (m) => m.pinned && m.state !== "done",
    order: (a, b) => (a.pin_due ?? FAR).localeCompare(b.pin_due ?? FAR) || b.id - a.id,
  },
  snoozed: {
    has: (m) => m.state === "snoozed",
    order: (a, b) => (a.snoozed_until ?? FAR).localeCompare(b.snoozed_until ?? FAR) || a.id - b.id,
  },
  done: {
    has: (m) => m.state === "done",
    order: (a, b) => (b.done_at ?? "").localeCompare(a.done_at ?? "") || b.id - a.id,
  },
};
export type FakeInbox = {
  messages: Message[];
  calls: Call[];
  status: Status;
  /** What `message_story` answers, by id (no block and no digest for the others). */
  stories: Record<number, MessageStory>;
  /** The installed apps, by desktop entry id (`org.gnome.Evolution`): what `message_app` finds. */
  apps: Record<string, AppInfo>;
  /** The last review's end, as `mark_reviewed` leaves it. */
  reviewedAt: string | null;
  /** What the overview says was missed; nothing held or broken through unless a test sets it. */
  missed: Missed | null;
  /** What `settings` answers and `update_settings` replaces; its `inbox_grouping` groups the inbox. */
  settings: Settings;
  /** Replace a command's answer (throw to reject; `AS_USUAL` to let the fake answer after all). */
  answers: Record<string, (args: Record<string, unknown>) => unknown>;
  commands: () => Call[];
  overview: () => InboxOverview;
};

export function fakeInbox(messages: Message[], status: Status = idleStatus()): FakeInbox {
  // The inbox's menus and dialogs are modal `<dialog>`s, which jsdom cannot open by itself.
  supportDialogs();
  const engine: FakeInbox = {
    messages,
    calls: [],
    status,
    stories: {},
    apps: {},
    reviewedAt: null,
    missed: null,
    settings: defaultSettings(),
    answers: {},
    commands: () => engine.calls.filter((c) => !READS.includes(c.cmd)),
    overview,
  };

  function overview(): InboxOverview {
    const by = engine.settings.inbox_grouping;
    const groups: InboxGroup[] = [];
    for (const m of [...engine.messages].filter(open).sort(newestFirst)) {
      const key = keyOf(m, by);
      const group = groups.find((g) => inGroup(m, g.key));
      if (group === undefined) {
        groups.push({
          key,
          label: by === "flat" ? "Everything" : key.who || key.source,
          count: 1,
          held: m.state === "held" ? 1 : 0,
          pinned: m.pinned ? 1 : 0,
          newest_at: m.received_at,
        });
      } else {
        group.count += 1;
        if (m.state === "held") group.held += 1;
        if (m.pinned) group.pinned += 1;
      }
    }
    return {
      groups,
      total: groups.reduce((n, g) => n + g.count, 0),
      snoozed: engine.messages.filter(VIEWS.snoozed.has).length,
      pinned: engine.messages.filter(VIEWS.pinned.has).length,
      done: engine.messages.filter(VIEWS.done.has).length,
      reviewed_at: engine.reviewedAt,
      missed: engine.missed ?? {
        since: engine.reviewedAt ?? iso(NOW - 86_400_000),
        held: 0,
        by_sender: [],
        by_source: [],
        breakthroughs: [],
      },
    };
  }

  function page(key: GroupKey, after: string | null, limit: number): InboxPage {
    const all = engine.messages.filter((m) => open(m) && inGroup(m, key)).sort(newestFirst);
    // The cursor is the last id of the previous page, as an opaque string.
    const start = after === null ? 0 : all.findIndex((m) => m.id === Number(after)) + 1;
    const slice = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { messages: slice.map(preview), next: more ? String(slice.at(-1)?.id) : null };
  }

  function viewPage(view: InboxView, after: string | null, limit: number): InboxPage {
    const all = engine.messages.filter(VIEWS[view].has).sort(VIEWS[view].order);
    const start = after === null ? 0 : all.findIndex((m) => m.id === Number(after)) + 1;
    const slice = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { messages: slice.map(preview), next: more ? String(slice.at(-1)?.id) : null };
  }

  /** `done_all`: a group's open messages, or the inbox's received before an instant, or both. */
  function doneAll(args: Record<string, unknown>): number[] {
    const group = (args["group"] as GroupKey | null | undefined) ?? null;
    const before = (args["before"] as string | null | undefined) ?? null;
    if (group === null && before === null) throw { code: "invalid_request", message: "a group or an instant" };
    const hit = engine.messages.filter(
      (m) =>
        open(m) &&
        (group === null || inGroup(m, group)) &&
        (before === null || Date.parse(m.received_at) < Date.parse(before)),
    );
    for (const m of hit) markDone(m);
    return hit.map((m) => m.id);
  }

  function markDone(m: Message): void {
    m.state = "done";
    m.done_at = new Date().toISOString();
  }

  function byIds(args: Record<string, unknown>): Message[] {
    const ids = args["ids"] as number[];
    return engine.messages.filter((m) => ids.includes(m.id));
  }

  /** What the engine's pin and unpin answer: each message's pin as it was, by id. */
  function pinsOf(messages: Message[]): PinState[] {
    return messages.map((m) => ({ id: m.id, pinned: m.pinned, pin_due: m.pin_due })).sort((a, b) => a.id - b.id);
  }

  mockIPC(
    (cmd, raw) => {
      // A command's input is its one `request` (see ipc.ts); what a test sees is that request.
      const given = (raw ?? {}) as Record<string, unknown>;
      const args = (typeof given["request"] === "object" ? given["request"] : given) as Record<string, unknown>;
      engine.calls.push({ cmd, args });
      const answer = engine.answers[cmd]?.(args) ?? AS_USUAL;
      if (answer !== AS_USUAL) return answer;
      switch (cmd) {
        case "status":
          return engine.status;
        case "inbox_overview":
          return overview();
        case "inbox_group":
          return page(
            {
              source: args["source"],
              who: args["who"],
              thread: args["thread"],
              by: args["by"] ?? "sender",
            } as GroupKey,
            (args["after"] as string | null | undefined) ?? null,
            args["limit"] as number,
          );
        case "inbox":
          return viewPage(
            (args["view"] as InboxView | null | undefined) ?? "inbox",
            (args["after"] as string | null | undefined) ?? null,
            args["limit"] as number,
          );
        case "done_all":
          return doneAll(args);
        case "message_story":
          return engine.stories[args["id"] as number] ?? { block: null, digest: null };
        case "mark_reviewed":
          engine.reviewedAt = new Date().toISOString();
          return null;
        case "message": {
          const found = engine.messages.find((m) => m.id === args["id"]);
          if (found === undefined) throw { code: "unknown_message", message: `no message ${String(args["id"])}` };
          return found;
        }
        case "search": {
          const words = String(args["q"]).toLowerCase();
          const before = (args["before"] as number | null | undefined) ?? null;
          return engine.messages
            .filter((m) => `${m.sender} ${m.title} ${m.body}`.toLowerCase().includes(words))
            .filter((m) => before === null || m.id < before)
            .sort((a, b) => b.id - a.id)
            .slice(0, args["limit"] as number)
            .map(preview);
        }
        case "done":
          for (const m of byIds(args)) markDone(m);
          return args["ids"];
        case "undone":
          for (const m of byIds(args)) {
            m.state = "released";
            m.done_at = null;
          }
          return args["ids"];
        case "snooze": {
          const until = args["until"] === "time" ? (args["at"] as string) : iso(NOW + 3_600_000);
          for (const m of byIds(args)) {
            m.state = "snoozed";
            m.snoozed_until = until;
          }
          return until;
        }
        case "unsnooze":
          for (const m of byIds(args)) {
            m.state = "released";
            m.snoozed_until = null;
          }
          return args["ids"];
        case "pin": {
          const before = pinsOf(byIds(args));
          for (const m of byIds(args)) {
            m.pinned = true;
            m.pin_due = (args["due"] as string | null) ?? null;
          }
          return before;
        }
        case "unpin": {
          const before = pinsOf(byIds(args));
          for (const m of byIds(args)) {
            m.pinned = false;
            m.pin_due = null;
          }
          return before;
        }
        case "open_link":
          return null;
        case "message_app":
        case "open_app": {
          const found = engine.messages.find((m) => m.id === args["id"]);
          if (found === undefined) throw { code: "unknown_message", message: `no message ${String(args["id"])}` };
          const app = found.app ? engine.apps[found.app] : undefined;
          if (cmd === "message_app") return app ?? null;
          if (app === undefined) throw { code: "not_found", message: "the app is not installed" };
          return null;
        }
        case "settings":
          return structuredClone(engine.settings);
        case "update_settings":
          engine.settings = structuredClone(args["settings"] as Settings);
          return structuredClone(engine.settings);
      }
      // Tauri rejects an unknown command with a bare string.
      throw `command ${cmd} not found`;
    },
    { shouldMockEvents: true },
  );
  return engine;
}

/** What the engine does after every change of the inbox. */
export function announceInboxChange(): Promise<void> {
  return emit(INBOX_EVENT, null);
}
