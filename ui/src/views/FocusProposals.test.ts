import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import type { ProposedBlock } from "../bindings/ProposedBlock";
import type { Status } from "../bindings/Status";
import { forgetPresets } from "../lib/focus-presets";
import { proposalRows, sameDayAt } from "../lib/proposals";
import { defaultSettings } from "../test-support/settings";
import { idleStatus, iso, minutes, NOW } from "../test-support/status";

type Call = { cmd: string; args: unknown };

/** NOW is 10:00 local: a proposal `from` minutes from now, 50 minutes long. */
const proposal = (from: number, accepted = false): ProposedBlock => ({
  start: iso(NOW + minutes(from)),
  end: iso(NOW + minutes(from + 50)),
  accepted,
});

const withProposals = (proposals: ProposedBlock[]): Status => ({ ...idleStatus(), proposals });

/**
 * A stand-in engine whose answers change the proposals as Lull's do; `refuse` makes a move fail
 * with the engine's sentence.
 */
function fakeEngine(proposals: ProposedBlock[], refuse: string | null = null) {
  const state = { status: withProposals(proposals), calls: [] as Call[] };
  const at = (args: unknown): string => (args as { request: { start: string } }).request.start;
  const replace = (start: string, next: ProposedBlock[]): void => {
    state.status = withProposals(
      [...state.status.proposals.filter((p) => p.start !== start), ...next].sort((a, b) =>
        a.start.localeCompare(b.start),
      ),
    );
  };
  mockIPC(
    (cmd, args) => {
      state.calls.push({ cmd, args });
      if (cmd === "status") return state.status;
      if (cmd === "settings") return defaultSettings();
      if (cmd === "accept_proposal") {
        const found = state.status.proposals.find((p) => p.start === at(args));
        if (found === undefined) throw { code: "unknown_proposal", message: "no focus is proposed then" };
        replace(found.start, [{ ...found, accepted: true }]);
        return { ...found, accepted: true };
      }
      if (cmd === "skip_proposal") {
        replace(at(args), []);
        return null;
      }
      if (cmd === "move_proposal") {
        if (refuse !== null) throw { code: "proposal_conflict", message: refuse };
        const { start, to } = (args as { request: { start: string; to: string } }).request;
        const moved = { start: to, end: iso(Date.parse(to) + minutes(50)), accepted: true };
        replace(start, [moved]);
        return moved;
      }
      throw `command ${cmd} not found`;
    },
    { shouldMockEvents: true },
  );
  return state;
}

const answers = (calls: Call[]): Call[] => calls.filter((c) => c.cmd.endsWith("_proposal"));
const rows = (): HTMLElement[] => screen.queryAllByTestId("proposal");
const spans = (): string[] => rows().map((row) => within(row).getByTestId("proposal-span").textContent ?? "");

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  history.replaceState(null, "", "#focus");
});

afterEach(() => {
  history.replaceState(null, "", "#");
  cleanup();
  clearMocks();
  forgetPresets();
  vi.useRealTimers();
});

describe("the proposed focus on the Focus tab", () => {
  it("lists each proposal with its time and length, and accepting one books it", async () => {
    const engine = fakeEngine([proposal(30), proposal(120)]);
    render(App);

    await waitFor(() => expect(spans()).toEqual(["10:30–11:20", "12:00–12:50"]));
    const first = rows()[0] as HTMLElement;
    expect(within(first).getByText("Proposed")).toBeTruthy();
    expect(within(first).getByText("50 min")).toBeTruthy();
    expect(within(first).getByRole("group", { name: "Focus 10:30–11:20" })).toBeTruthy();

    await fireEvent.click(within(first).getByRole("button", { name: "Accept" }));

    await waitFor(() => expect(within(rows()[0] as HTMLElement).getByText("Booked")).toBeTruthy());
    expect(answers(engine.calls)).toEqual([
      { cmd: "accept_proposal", args: { request: { start: iso(NOW + minutes(30)) } } },
    ]);
    const booked = rows()[0] as HTMLElement;
    expect(within(booked).queryByRole("button", { name: "Accept" }), "booked already").toBeNull();
    expect(within(booked).getByRole("button", { name: "Take back" })).toBeTruthy();
  });

  it("skips a proposal for today", async () => {
    const engine = fakeEngine([proposal(30), proposal(120)]);
    render(App);

    await waitFor(() => expect(rows()).toHaveLength(2));
    await fireEvent.click(within(rows()[1] as HTMLElement).getByRole("button", { name: "Skip" }));

    await waitFor(() => expect(spans()).toEqual(["10:30–11:20"]));
    expect(answers(engine.calls)).toEqual([
      { cmd: "skip_proposal", args: { request: { start: iso(NOW + minutes(120)) } } },
    ]);
  });

  it("moves a proposal to a time typed the way people type times, on the same day", async () => {
    const engine = fakeEngine([proposal(30)]);
    render(App);

    await waitFor(() => expect(rows()).toHaveLength(1));
    const move = within(rows()[0] as HTMLElement).getByRole("button", { name: "Move…" });
    await fireEvent.click(move);
    expect(move.getAttribute("aria-expanded")).toBe("true");
    const field = screen.getByLabelText<HTMLInputElement>("Start at");
    expect(field.value, "it starts from the proposal's time").toBe("10:30");
    await waitFor(() => expect(document.activeElement).toBe(field));

    await fireEvent.input(field, { target: { value: "1430" } });
    await fireEvent.submit(screen.getByTestId("proposal-move-form"));

    const to = new Date(2025, 2, 4, 14, 30).toISOString();
    await waitFor(() => expect(spans()).toEqual(["14:30–15:20"]));
    expect(answers(engine.calls)).toEqual([
      { cmd: "move_proposal", args: { request: { start: iso(NOW + minutes(30)), to } } },
    ]);
    expect(screen.queryByTestId("proposal-move-form"), "the form closes once moved").toBeNull();
  });

  it("shows the engine's reason when a move is refused and keeps the form open", async () => {
    fakeEngine([proposal(30)], "a meeting is at that time");
    render(App);

    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(screen.getByRole("button", { name: "Move…" }));
    await fireEvent.input(screen.getByLabelText("Start at"), { target: { value: "15:00" } });
    await fireEvent.submit(screen.getByTestId("proposal-move-form"));

    const alert = await screen.findByTestId("error");
    expect(alert.textContent).toMatch(/a meeting is at that time/i);
    expect(alert.dataset["code"]).toBe("proposal_conflict");
    expect(screen.getByTestId("proposal-move-form"), "the user can try another time").toBeTruthy();
    expect(spans()).toEqual(["10:30–11:20"]);
  });

  it("says what it cannot read as a time and sends nothing", async () => {
    const engine = fakeEngine([proposal(30)]);
    render(App);

    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.click(screen.getByRole("button", { name: "Move…" }));
    const field = screen.getByLabelText("Start at");
    await fireEvent.input(field, { target: { value: "after lunch" } });
    await fireEvent.submit(screen.getByTestId("proposal-move-form"));

    expect(screen.getByRole("alert").textContent).toBe("Type a time of day, like 14:30.");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(answers(engine.calls)).toEqual([]);

    await fireEvent.keyDown(field, { key: "Escape" });
    expect(screen.queryByTestId("proposal-move-form"), "Escape closes the form").toBeNull();
    expect(document.activeElement, "focus goes back to the row's Move…").toBe(
      screen.getByRole("button", { name: "Move…" }),
    );
  });

  it("offers to start a proposal whose time has come, and leaves out a booked block that began", async () => {
    fakeEngine([proposal(-60, true), proposal(-5), proposal(60, true)]);
    render(App);

    await waitFor(() => expect(spans()).toEqual(["09:55–10:45", "11:00–11:50"]));
    expect(within(rows()[0] as HTMLElement).getByRole("button", { name: "Start now" })).toBeTruthy();
  });

  it("shows nothing without proposals", async () => {
    fakeEngine([]);
    render(App);

    await screen.findByTestId("intent-input");
    expect(screen.queryByTestId("proposals")).toBeNull();
  });
});

describe("reading proposals", () => {
  it("rounds a row's length to minutes and marks a late one", () => {
    const [row] = proposalRows([proposal(-5)], NOW);
    expect(row).toMatchObject({ span: "09:55–10:45", minutes: 50, accepted: false, late: true });
  });

  it("reads a moved start on the proposal's own local day", () => {
    const start = iso(NOW + minutes(30));
    expect(sameDayAt(start, "9")).toBe(new Date(2025, 2, 4, 9, 0).toISOString());
    expect(sameDayAt(start, "23:59")).toBe(new Date(2025, 2, 4, 23, 59).toISOString());
    expect(sameDayAt(start, "24:00"), "no block starts at the day's end").toBeNull();
    expect(sameDayAt(start, "25:00")).toBeNull();
    expect(sameDayAt("not a time", "10:00")).toBeNull();
  });
});
