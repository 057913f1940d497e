/**
 * A stand-in engine for the inbox: messages in memory, grouped and paged the way the core does
 * (groups newest first, keyset pages, 400-character previews), triage commands that change state,
 * and every call recorded. Tests state only the messages they are about.
 */

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { GroupKey } from "../bindings/GroupKey";
import type { InboxGroup } from "../bindings/InboxGroup";
import type { InboxOverview } from "../bindings/InboxOverview";
import type { InboxPage } from "../bindings/InboxPage";
import type { Message } from "../bindings/Message";
import type { PinState } from "../bindings/PinState";
import type { Status } from "../bindings/Status";
import { INBOX_EVENT } from "../lib/ipc";
import { iso, NOW, idleStatus } from "./status";

export type Call = { cmd: string; args: Record<string, unknown> };

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

export function keyOf(m: Message): GroupKey {
  return { source: m.source, who: m.sender ?? m.source_detail ?? "", thread: m.thread ?? "" };
}

const sameKey = (a: GroupKey, b: GroupKey): boolean =>
  a.source === b.source && a.who === b.who && a.thread === b.thread;
const newestFirst = (a: Message, b: Message): number => b.received_at.localeCompare(a.received_at) || b.id - a.id;
const preview = (m: Message): Message => ({ ...m, body: m.body.slice(0, 400) });
const open = (m: Message): boolean => m.state !== "done" && m.state !== "snoozed";

export type FakeInbox = {
  messages: Message[];
  calls: Call[];
  status: Status;
  /** Replace a command's answer (throw to reject). */
  answers: Record<string, (args: Record<string, unknown>) => unknown>;
  commands: () => Call[];
  overview: () => InboxOverview;
};

export function fakeInbox(messages: Message[], status: Status = idleStatus()): FakeInbox {
  const engine: FakeInbox = {
    messages,
    calls: [],
    status,
    answers: {},
    commands: () =>
      engine.calls.filter((c) => !["status", "inbox_overview", "inbox_group", "message", "search"].includes(c.cmd)),
    overview,
  };

  function overview(): InboxOverview {
    const groups: InboxGroup[] = [];
    for (const m of [...engine.messages].filter(open).sort(newestFirst)) {
      const key = keyOf(m);
      const group = groups.find((g) => sameKey(g.key, key));
      if (group === undefined) {
        groups.push({
          key,
          label: key.who || key.source,
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
      snoozed: engine.messages.filter((m) => m.state === "snoozed").length,
    };
  }

  function page(key: GroupKey, after: string | null, limit: number): InboxPage {
    const all = engine.messages.filter((m) => open(m) && sameKey(keyOf(m), key)).sort(newestFirst);
    // The cursor is the last id of the previous page, as an opaque string.
    const start = after === null ? 0 : all.findIndex((m) => m.id === Number(after)) + 1;
    const slice = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { messages: slice.map(preview), next: more ? String(slice.at(-1)?.id) : null };
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
      const answer = engine.answers[cmd];
      if (answer) return answer(args);
      switch (cmd) {
        case "status":
          return engine.status;
        case "inbox_overview":
          return overview();
        case "inbox_group":
          return page(
            { source: args["source"], who: args["who"], thread: args["thread"] } as GroupKey,
            (args["after"] as string | null | undefined) ?? null,
            args["limit"] as number,
          );
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
          for (const m of byIds(args)) m.state = "done";
          return args["ids"];
        case "undone":
          for (const m of byIds(args)) m.state = "released";
          return args["ids"];
        case "snooze":
          for (const m of byIds(args)) {
            m.state = "snoozed";
            m.snoozed_until = iso(NOW + 3_600_000);
          }
          return iso(NOW + 3_600_000);
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
