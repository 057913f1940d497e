import { clearMocks } from "@tauri-apps/api/mocks";
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
  type BoundFunctions,
  type queries,
} from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Settings } from "../bindings/Settings";
import type { NtfySubscription } from "../lib/settings-ntfy";
import { defaultSettings, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const subscription = (overrides: Partial<NtfySubscription> = {}): NtfySubscription => ({
  id: "home",
  server: "https://ntfy.example.org",
  topics: ["alerts"],
  auth: { kind: "none" },
  enabled: true,
  ...overrides,
});

const sent = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => c.args["settings"] as Settings);

const items = (): HTMLElement[] => screen.queryAllByTestId("ntfy-subscription");
const item = (i: number): BoundFunctions<typeof queries> => {
  const element = items()[i];
  if (element === undefined) throw new Error(`no subscription ${i}`);
  return within(element);
};

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

/** Opens Settings › Sources with `ntfy` saved, once the subscriptions show. */
async function openSources(ntfy: NtfySubscription[] = []): Promise<ReturnType<typeof fakeSettingsEngine>> {
  const engine = fakeSettingsEngine();
  engine.settings = defaultSettings({ ntfy });
  render(SettingsView);
  await fireEvent.click(await screen.findByTestId("section-sources"));
  await screen.findByTestId("ntfy");
  return engine;
}

describe("following ntfy topics", () => {
  it("adds a subscription to ntfy.sh named after its first topic, and saves it with the settings", async () => {
    const engine = await openSources();
    expect(screen.getByTestId("ntfy").textContent).toContain("No ntfy topics followed.");

    await fireEvent.click(screen.getByTestId("add-ntfy"));
    expect(items()).toHaveLength(1);
    const topics = item(0).getByTestId<HTMLInputElement>("ntfy-topics");
    await waitFor(() => expect(document.activeElement, "the topics take focus").toBe(topics));
    expect(item(0).getByTestId<HTMLInputElement>("ntfy-server").value).toBe("https://ntfy.sh");
    expect(item(0).getByTestId<HTMLInputElement>("ntfy-id").value, "named before any topic").toBe("ntfy-1");
    expect(item(0).getByTestId("ntfy-status").textContent).toBe("Starts once saved.");

    await type(topics, "alerts, backups nas");
    expect(item(0).getByTestId<HTMLInputElement>("ntfy-id").value).toBe("alerts");
    expect(topics.value, "the text stays as typed").toBe("alerts, backups nas");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.ntfy).toEqual([
      {
        id: "alerts",
        server: "https://ntfy.sh",
        topics: ["alerts", "backups", "nas"],
        auth: { kind: "none" },
        enabled: true,
      },
    ]);
    await waitFor(() =>
      expect(
        engine.calls.filter((c) => c.cmd === "sources"),
        "the statuses are read again",
      ).toHaveLength(2),
    );
  });

  it("keeps a name the user typed when the topics change, and saves a switched-off subscription", async () => {
    const engine = await openSources([subscription()]);
    await fireEvent.click(screen.getByTestId("add-ntfy"));
    await type(item(1).getByTestId("ntfy-id"), "work");
    await type(item(1).getByTestId("ntfy-topics"), "deploys");
    await type(item(1).getByTestId("ntfy-server"), "https://ntfy.work.example/");
    await fireEvent.click(item(0).getByTestId("ntfy-enabled"));
    expect(item(0).getByTestId("ntfy-enabled").getAttribute("aria-label")).toBe("Follow subscription home");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.ntfy).toEqual([
      subscription({ enabled: false }),
      { id: "work", server: "https://ntfy.work.example", topics: ["deploys"], auth: { kind: "none" }, enabled: true },
    ]);
  });

  it("removes a subscription, and the save sends the rest", async () => {
    const engine = await openSources([subscription(), subscription({ id: "work", topics: ["deploys"] })]);
    const remove = item(0).getByTestId("ntfy-remove");
    expect(remove.getAttribute("aria-label")).toBe("Remove subscription home");
    await fireEvent.click(remove);
    expect(items()).toHaveLength(1);
    await waitFor(() => expect(document.activeElement, "focus is not lost").toBe(screen.getByTestId("add-ntfy")));

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.ntfy.map((s) => s.id)).toEqual(["work"]);
  });
});

describe("what is wrong with a subscription", () => {
  it("is said beside it as the user types, and nothing is sent until it is fixed", async () => {
    const engine = await openSources([subscription()]);
    const server = item(0).getByTestId("ntfy-server");
    const message = screen.getByTestId("message-ntfy[0]");

    await type(server, "ntfy.example.org");
    expect(message.textContent?.trim()).toBe("Write the server as a web address, such as https://ntfy.sh.");
    expect(server.getAttribute("aria-invalid")).toBe("true");
    expect(server.getAttribute("aria-describedby")).toBe(message.id);

    await type(server, "https://ntfy.example.org");
    await type(item(0).getByTestId("ntfy-topics"), "alerts, no.good");
    expect(message.textContent?.trim()).toBe("A topic is 1 to 64 letters, digits, - or _: no.good is not.");

    await type(item(0).getByTestId("ntfy-topics"), "alerts");
    expect(message.textContent?.trim()).toBe("");

    await fireEvent.click(screen.getByTestId("add-ntfy"));
    await type(item(1).getByTestId("ntfy-topics"), "backups");
    await type(item(1).getByTestId("ntfy-id"), "home");
    expect(screen.getByTestId("message-ntfy[1]").textContent?.trim()).toBe(
      "Another subscription is called home: pick another name.",
    );

    await fireEvent.click(screen.getByTestId("save"));
    expect(sent(engine.calls), "a draft with a problem is not sent").toHaveLength(0);
  });
});

describe("each subscription's status", () => {
  it("says how each one is doing, from the engine's sources", async () => {
    // Wednesday 2 December 2026, 15:00 local time: the outage began at 14:05 the same day.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 11, 2, 15, 0));
    const states = ["off", "starting", "running", "refused", "unavailable", "unreachable"] as const;
    const engine = fakeSettingsEngine();
    engine.settings = defaultSettings({
      ntfy: [...states.map((state) => subscription({ id: state })), subscription({ id: "new" })],
    });
    engine.ntfy = states.map((state) => ({
      id: state,
      status: {
        state,
        detail:
          state === "refused"
            ? "401 unauthorized"
            : state === "unavailable"
              ? "no keyring"
              : state === "unreachable"
                ? "connection refused"
                : null,
        ...(state === "unreachable" ? { since: new Date(2026, 11, 2, 14, 5).toISOString() } : {}),
      },
    }));
    render(SettingsView);
    await fireEvent.click(await screen.findByTestId("section-sources"));
    await waitFor(() =>
      expect(items().map((_, i) => item(i).getByTestId("ntfy-status").textContent)).toEqual([
        "Off.",
        "Connecting…",
        "Connected",
        "Refused: 401 unauthorized",
        "Not available: no keyring",
        "Cannot reach ntfy.example.org since 14:05: connection refused",
        "Starts once saved.",
      ]),
    );
  });
});

describe("a subscription's secret", () => {
  it("goes to the keyring at once, is cleared from its field, and never goes into the settings", async () => {
    const engine = await openSources([subscription()]);
    expect(item(0).queryByTestId("ntfy-secret"), "no sign-in, no secret").toBeNull();

    await fireEvent.change(item(0).getByTestId("ntfy-auth"), { target: { value: "token" } });
    const field = item(0).getByLabelText<HTMLInputElement>("Access token");
    expect(field.type).toBe("password");
    expect(item(0).getByTestId("ntfy-secret").textContent).toContain(
      "Kept in the desktop's keyring, never in Lull's settings.",
    );
    expect(item(0).getByTestId<HTMLButtonElement>("ntfy-keep").disabled, "nothing to keep yet").toBe(true);

    await type(field, "tk_s3cr3t");
    await fireEvent.click(item(0).getByTestId("ntfy-keep"));
    await waitFor(() => expect(item(0).getByTestId("ntfy-secret-note").textContent).toBe("Kept in the keyring."));
    expect(engine.calls.filter((c) => c.cmd === "store_secret").map((c) => c.args)).toEqual([
      { source: "ntfy/home", secret: "tk_s3cr3t" },
    ]);
    expect(field.value, "the field is cleared").toBe("");
    expect(sent(engine.calls), "kept apart from the settings' save").toHaveLength(0);

    await fireEvent.click(item(0).getByTestId("ntfy-forget"));
    await waitFor(() => expect(item(0).getByTestId("ntfy-secret-note").textContent).toBe("Forgotten."));
    expect(engine.calls.filter((c) => c.cmd === "store_secret").at(-1)?.args).toEqual({
      source: "ntfy/home",
      secret: null,
    });

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.ntfy).toEqual([subscription({ auth: { kind: "token" } })]);
    expect(JSON.stringify(sent(engine.calls)), "the secret is never in the settings").not.toContain("tk_s3cr3t");
  });

  it("asks for a user and a password for basic sign-in, and Enter keeps the password", async () => {
    const engine = await openSources([subscription()]);
    await fireEvent.change(item(0).getByTestId("ntfy-auth"), { target: { value: "basic" } });
    await type(item(0).getByTestId("ntfy-user"), "me");
    const field = item(0).getByLabelText<HTMLInputElement>("Password");
    await type(field, "hunter2");
    await fireEvent.keyDown(field, { key: "Enter" });
    await waitFor(() => expect(field.value).toBe(""));
    expect(engine.secrets.get("ntfy/home")).toBe("hunter2");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.ntfy[0]?.auth).toEqual({ kind: "basic", user: "me" });
    expect(JSON.stringify(sent(engine.calls))).not.toContain("hunter2");
  });

  it("says so when the keyring refuses it, and keeps what was typed", async () => {
    const engine = fakeSettingsEngine({
      store_secret: () => {
        throw { code: "internal", message: "cannot keep the secret: no Secret Service" };
      },
    });
    engine.settings = defaultSettings({ ntfy: [subscription({ auth: { kind: "token" } })] });
    render(SettingsView);
    await fireEvent.click(await screen.findByTestId("section-sources"));
    const field = await screen.findByLabelText<HTMLInputElement>("Access token");
    await type(field, "tk_s3cr3t");
    await fireEvent.click(item(0).getByTestId("ntfy-keep"));
    await waitFor(() =>
      expect(item(0).getByTestId("ntfy-secret-note").textContent).toBe(
        "Not kept: Cannot keep the secret: no Secret Service",
      ),
    );
    expect(field.value).toBe("tk_s3cr3t");
  });
});
