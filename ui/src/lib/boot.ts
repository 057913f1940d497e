/**
 * What the shell hands a new window before any script runs (`window.__LULL_BOOT__`, see
 * `src-tauri/src/window.rs`): the status and the inbox's first screen, read when the window was
 * asked for. Each piece answers the first request for it once, so opening the window needs no IPC
 * round trip while WebKit is still busy starting the page; every later request goes to the engine.
 */

import type { GroupKey } from "../bindings/GroupKey";
import type { InboxOverview } from "../bindings/InboxOverview";
import type { InboxPage } from "../bindings/InboxPage";
import type { InboxStart } from "../bindings/InboxStart";
import type { Status } from "../bindings/Status";

type Boot = { status?: Status; inbox?: InboxStart | null };

declare global {
  interface Window {
    __LULL_BOOT__?: Boot;
  }
}

/** Older than this, boot data is not trusted: the window was opened and then sat unused. */
const FRESH_MS = 2000;
const bornAt = Date.now();

function boot(): Boot | undefined {
  if (typeof window === "undefined" || Date.now() - bornAt > FRESH_MS) return undefined;
  return window.__LULL_BOOT__;
}

export function takeBootStatus(): Status | undefined {
  const b = boot();
  const status = b?.status;
  if (b !== undefined) delete b.status;
  return status;
}

export function takeBootOverview(): InboxOverview | undefined {
  const inbox = boot()?.inbox;
  if (inbox == null) return undefined;
  const overview = inbox.overview;
  // Each group's first page is only valid with the overview it was read with.
  (inbox as Partial<InboxStart>).overview = undefined;
  return overview;
}

export function takeBootPage(key: GroupKey, after: string | null, limit: number): InboxPage | undefined {
  const inbox = boot()?.inbox;
  if (inbox == null || after !== null || inbox.overview !== undefined) return undefined;
  const index = inbox.pages.findIndex(
    (p) =>
      p.limit === limit &&
      p.key.source === key.source &&
      p.key.who === key.who &&
      p.key.thread === key.thread &&
      p.key.by === key.by,
  );
  if (index < 0) return undefined;
  const [found] = inbox.pages.splice(index, 1);
  return found?.page;
}

/** The inbox changed since the shell read it: what is left of the boot inbox is stale. */
export function dropBootInbox(): void {
  const b = boot();
  if (b !== undefined) b.inbox = null;
}

/** Forgets whatever is left (for tests). */
export function clearBoot(): void {
  if (typeof window !== "undefined") delete window.__LULL_BOOT__;
}
