import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Status } from "../bindings/Status";
import { block, idleStatus, runningStatus } from "../test-support/status";
import { STATUS_EVENT } from "./ipc";
import { WindowState } from "./window-state.svelte";

afterEach(() => {
  clearMocks();
});

/** Answers `status` only when the test says so, to let answers and events cross. */
function slowStatus() {
  const pending: Array<(status: Status) => void> = [];
  mockIPC(
    (cmd) => {
      if (cmd !== "status") throw { code: "unexpected", message: cmd };
      return new Promise<Status>((resolve) => pending.push(resolve));
    },
    { shouldMockEvents: true },
  );
  return {
    answer(status: Status): void {
      const resolve = pending.shift();
      if (!resolve) throw new Error("no status request is waiting");
      resolve(status);
    },
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("WindowState", () => {
  it("drops a status answer that was asked for before a newer event arrived", async () => {
    const engine = slowStatus();
    const state = new WindowState();
    const disconnect = state.connect();
    await flush();

    const running = runningStatus(block());
    await emit(STATUS_EVENT, running);
    expect(state.status, "the event is applied").toEqual(running);

    engine.answer(idleStatus());
    await flush();
    expect(state.status, "the older answer is not").toEqual(running);
    disconnect();
  });

  it("applies an answer asked for after the last event", async () => {
    const engine = slowStatus();
    const state = new WindowState();
    const disconnect = state.connect();
    await flush();
    engine.answer(idleStatus());
    await flush();

    const refreshed = state.refresh();
    const running = runningStatus(block());
    engine.answer(running);
    await refreshed;
    expect(state.status).toEqual(running);
    disconnect();
  });

  it("stops following the engine once disconnected", async () => {
    const engine = slowStatus();
    const state = new WindowState();
    const disconnect = state.connect();
    await flush();
    engine.answer(idleStatus());
    await flush();
    disconnect();

    await emit(STATUS_EVENT, runningStatus(block()));
    expect(state.status?.block ?? null, "the event after disconnecting is ignored").toBeNull();
  });
});
