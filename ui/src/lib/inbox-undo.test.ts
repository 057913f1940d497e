import { describe, expect, it } from "vitest";
import { describe as describeAction, reversalOf, UndoStack } from "./inbox-undo";

const pinState = (id: number, pinned: boolean, pin_due: string | null = null) => ({ id, pinned, pin_due });

describe("undoing triage", () => {
  it("reverses done with undone and snooze with unsnooze", () => {
    expect(reversalOf({ kind: "done", ids: [1, 2] }, [])).toEqual([{ command: "undone", ids: [1, 2] }]);
    expect(reversalOf({ kind: "snooze", ids: [3], until: { until: "next_workday" } }, [])).toEqual([
      { command: "unsnooze", ids: [3] },
    ]);
  });

  it("reverses a done_all by the ids the engine answered, and a move back to the inbox by done", () => {
    const ids = Array.from({ length: 500 }, (_, i) => i + 1);
    expect(reversalOf({ kind: "done_all", ids, scope: "from CI" }, [])).toEqual([{ command: "undone", ids }]);
    expect(reversalOf({ kind: "undone", ids: [4] }, [])).toEqual([{ command: "done", ids: [4] }]);
  });

  it("reverses an unsnooze by snoozing each again until its own instant", () => {
    const was = [
      { id: 1, until: "2025-03-05T08:00:00.000Z" },
      { id: 2, until: "2025-03-06T08:00:00.000Z" },
      { id: 3, until: "2025-03-05T08:00:00.000Z" },
      { id: 4, until: null },
    ];
    expect(reversalOf({ kind: "unsnooze", ids: [1, 2, 3, 4], was }, [])).toEqual([
      { command: "snooze", ids: [1, 3], at: "2025-03-05T08:00:00.000Z" },
      { command: "snooze", ids: [2], at: "2025-03-06T08:00:00.000Z" },
    ]);
  });

  it("reverses a pin by unpinning what was not pinned and re-pinning the rest with their old due dates", () => {
    const before = [
      pinState(1, false),
      pinState(2, true, "2025-03-05T09:00:00Z"),
      pinState(3, true, null),
      pinState(4, true, "2025-03-05T09:00:00Z"),
    ];
    expect(reversalOf({ kind: "pin", ids: [1, 2, 3, 4], due: "2025-03-10T09:00:00Z" }, before)).toEqual([
      { command: "unpin", ids: [1] },
      { command: "pin", ids: [2, 4], due: "2025-03-05T09:00:00Z" },
      { command: "pin", ids: [3], due: null },
    ]);
  });

  it("reverses an unpin by pinning again with the due date each had", () => {
    const before = [pinState(5, true, "2025-03-06T12:00:00Z"), pinState(6, true, null)];
    expect(reversalOf({ kind: "unpin", ids: [5, 6] }, before)).toEqual([
      { command: "pin", ids: [5], due: "2025-03-06T12:00:00Z" },
      { command: "pin", ids: [6], due: null },
    ]);
  });

  it("describes actions in words", () => {
    expect(describeAction({ kind: "done", ids: [1] })).toBe("Marked 1 message done");
    expect(describeAction({ kind: "snooze", ids: [1, 2], until: { until: "block_end" } })).toBe("Snoozed 2 messages");
    expect(describeAction({ kind: "pin", ids: [1], due: "2025-03-06T12:00:00Z" })).toBe(
      "Pinned 1 message with a due date",
    );
    expect(describeAction({ kind: "done_all", ids: [1, 2, 3], scope: "from CI" })).toBe(
      "Marked 3 messages from CI done",
    );
    expect(describeAction({ kind: "undone", ids: [1] })).toBe("Moved 1 message back to the inbox");
    expect(describeAction({ kind: "unsnooze", ids: [1, 2], was: [] })).toBe("Brought 2 messages back from snooze");
  });

  it("keeps the last actions, newest on top, up to its limit", () => {
    const stack = new UndoStack(2);
    stack.push({ label: "a", reversals: [] });
    stack.push({ label: "b", reversals: [] });
    stack.push({ label: "c", reversals: [] });
    expect(stack.size).toBe(2);
    expect(stack.pop()?.label).toBe("c");
    expect(stack.peek()?.label).toBe("b");
    expect(stack.pop()?.label).toBe("b");
    expect(stack.pop(), "the oldest was dropped").toBeUndefined();
  });
});
