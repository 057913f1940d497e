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
import type { GotifySubscription } from "../lib/settings-gotify";
import { controlsIn } from "../test-support/controls";
import { defaultSettings, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const server = (overrides: Partial<GotifySubscription> = {}): GotifySubscription => ({
  id: "home",
  server: "https://gotify.example.org",
  enabled: true,
  ...overrides,
});

const sent = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => c.args["settings"] as Settings);

const items = (): HTMLElement[] => screen.queryAllByTestId("gotify-item");
const item = (i: number): BoundFunctions<typeof queries> => {
  const element = items()[i];
  if (element === undefined) throw new Error(`no Gotify server ${i}`);
  return within(element);
};

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

/** Opens Settings › Sources with `gotify` saved, once the servers show. */
async function openSources(
  gotify: GotifySubscription[] = [],
  engine = fakeSettingsEngine(),
): Promise<ReturnType<typeof fakeSettingsEngine>> {
  engine.settings = defaultSettings({ gotify });
  render(SettingsView);
  await fireEvent.click(await screen.findByTestId("section-sources"));
  await screen.findByTestId("gotify");
  return engine;
}

describe("following Gotify servers", () => {
  it("adds a server named after its host, and saves it with the settings", async () => {
    const engine = await openSources();
    expect(screen.getByTestId("gotify").textContent).toContain("No Gotify server followed.");

    await fireEvent.click(screen.getByTestId("add-gotify"));
    expect(items()).toHaveLength(1);
    const address = item(0).getByTestId<HTMLInputElement>("gotify-server");
    await waitFor(() => expect(document.activeElement, "the address takes focus").toBe(address));
    expect(item(0).getByTestId<HTMLInputElement>("gotify-id").value, "named before any address").toBe("gotify-1");
    expect(item(0).getByTestId("gotify-status").textContent).toBe("Starts once saved.");

    await type(address, "https://push.example.org/");
    expect(item(0).getByTestId<HTMLInputElement>("gotify-id").value).toBe("push");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.gotify).toEqual([{ id: "push", server: "https://push.example.org", enabled: true }]);
    await waitFor(() =>
      expect(
        engine.calls.filter((c) => c.cmd === "sources"),
        "the statuses are read again",
      ).toHaveLength(2),
    );
  });

  it("keeps a name the user typed, saves a switched-off server, and removes one", async () => {
    const engine = await openSources([server(), server({ id: "work", server: "https://gotify.work.example" })]);
    await fireEvent.click(item(0).getByTestId("gotify-enabled"));
    expect(item(0).getByTestId("gotify-enabled").getAttribute("aria-label")).toBe("Follow Gotify server home");
    const remove = item(1).getByTestId("gotify-remove");
    expect(remove.getAttribute("aria-label")).toBe("Remove Gotify server work");
    await fireEvent.click(remove);
    await waitFor(() => expect(document.activeElement, "focus is not lost").toBe(screen.getByTestId("add-gotify")));

    await fireEvent.click(screen.getByTestId("add-gotify"));
    await type(item(1).getByTestId("gotify-id"), "nas");
    await type(item(1).getByTestId("gotify-server"), "http://192.168.1.4:8080");
    expect(item(1).getByTestId<HTMLInputElement>("gotify-id").value, "a typed name stays").toBe("nas");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.gotify).toEqual([
      server({ enabled: false }),
      { id: "nas", server: "http://192.168.1.4:8080", enabled: true },
    ]);
  });

  it("offers every control to the keyboard, each with a name", async () => {
    await openSources([server()]);
    const element = items()[0];
    if (element === undefined) throw new Error("no server");
    const controls = controlsIn(element);
    expect(controls.map((c) => c.testId)).toEqual([
      "gotify-enabled",
      "gotify-remove",
      "gotify-server",
      "gotify-id",
      "gotify-secret-input",
      "gotify-keep",
      "gotify-forget",
    ]);
    for (const control of controls) {
      expect(control.name, `${control.testId} is named`).not.toBe("");
      expect(control.tabbable, `${control.testId} is reached with Tab`).toBe(true);
    }
    expect(item(0).getByLabelText("Server")).toBe(item(0).getByTestId("gotify-server"));
    expect(item(0).getByLabelText(/^Name/)).toBe(item(0).getByTestId("gotify-id"));
    expect(item(0).getByLabelText("Client token")).toBe(item(0).getByTestId("gotify-secret-input"));
  });
});

describe("what is wrong with a Gotify server", () => {
  it("is said beside it as the user types, and nothing is sent until it is fixed", async () => {
    const engine = await openSources([server()]);
    const address = item(0).getByTestId("gotify-server");
    const message = screen.getByTestId("message-gotify[0]");

    await type(address, "gotify.example.org");
    expect(message.textContent?.trim()).toBe("Write the server as a web address, such as https://gotify.example.org.");
    expect(address.getAttribute("aria-invalid")).toBe("true");
    expect(address.getAttribute("aria-describedby")).toBe(message.id);

    await type(address, "https://gotify.example.org");
    expect(message.textContent?.trim()).toBe("");

    await fireEvent.click(screen.getByTestId("add-gotify"));
    await type(item(1).getByTestId("gotify-server"), "https://other.example.org");
    await type(item(1).getByTestId("gotify-id"), "home");
    expect(screen.getByTestId("message-gotify[1]").textContent?.trim()).toBe(
      "Another Gotify server is called home: pick another name.",
    );

    await fireEvent.click(screen.getByTestId("save"));
    expect(sent(engine.calls), "a draft with a problem is not sent").toHaveLength(0);
  });

  it("lands beside the server the engine names when the engine refuses it", async () => {
    const engine = fakeSettingsEngine({
      update_settings: () => {
        throw {
          code: "invalid_settings",
          message: "a server URL has no query, fragment or spaces",
          field: "gotify[1]",
        };
      },
    });
    await openSources([server(), server({ id: "work", server: "https://gotify.work.example" })], engine);
    await type(item(1).getByTestId("gotify-server"), "https://gotify.work.example/x");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() =>
      expect(screen.getByTestId("message-gotify[1]").textContent?.trim()).toBe(
        "A server URL has no query, fragment or spaces",
      ),
    );
    expect(screen.getByTestId("message-gotify[0]").textContent?.trim(), "not on the other server").toBe("");
    expect(item(1).getByTestId("gotify-server").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("each Gotify server's status", () => {
  it("says how each one is doing, and shows a hostile address as text", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 11, 2, 15, 0));
    const hostile = "https://<img src=x onerror=alert(1)>.example";
    const engine = fakeSettingsEngine();
    engine.gotify = [
      { id: "home", status: { state: "running", detail: null } },
      { id: "evil", status: { state: "unreachable", detail: "<b>no route</b>" } },
      { id: "work", status: { state: "refused", detail: "401 client token unknown" } },
    ];
    await openSources(
      [
        server(),
        server({ id: "evil", server: hostile }),
        server({ id: "work", server: "https://gotify.work.example" }),
        server({ id: "new", server: "https://new.example.org" }),
      ],
      engine,
    );
    await waitFor(() =>
      expect(items().map((_, i) => item(i).getByTestId("gotify-status").textContent)).toEqual([
        "Connected",
        `Cannot reach ${hostile}: <b>no route</b>`,
        "Refused: 401 client token unknown",
        "Starts once saved.",
      ]),
    );
    const evil = items()[1];
    expect(evil?.querySelector("img, b"), "nothing of it is markup").toBeNull();
    expect(item(1).getByTestId<HTMLInputElement>("gotify-server").value).toBe(hostile);
  });
});

describe("a Gotify server's client token", () => {
  it("goes to the keyring under gotify/<id> at once, is cleared, and never goes into the settings", async () => {
    const engine = await openSources([server()]);
    const field = item(0).getByLabelText<HTMLInputElement>("Client token");
    expect(field.type).toBe("password");
    expect(item(0).getByTestId("gotify-secret").textContent).toContain(
      "Kept in the desktop's keyring, never in Lull's settings.",
    );

    await type(field, "C9gk.t0ken");
    await fireEvent.keyDown(field, { key: "Enter" });
    await waitFor(() => expect(item(0).getByTestId("gotify-secret-note").textContent).toBe("Kept in the keyring."));
    expect(engine.calls.filter((c) => c.cmd === "store_secret").map((c) => c.args)).toEqual([
      { source: "gotify/home", secret: "C9gk.t0ken" },
    ]);
    expect(field.value, "the field is cleared").toBe("");

    await fireEvent.click(item(0).getByTestId("gotify-forget"));
    await waitFor(() => expect(item(0).getByTestId("gotify-secret-note").textContent).toBe("Forgotten."));
    await fireEvent.click(item(0).getByTestId("gotify-forget"));
    await waitFor(() =>
      expect(item(0).getByTestId("gotify-secret-note").textContent).toBe("The keyring held nothing for gotify/home."),
    );

    await fireEvent.click(item(0).getByTestId("gotify-enabled"));
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(JSON.stringify(sent(engine.calls)), "the token is never in the settings").not.toContain("C9gk.t0ken");
  });

  it("cannot be kept while the server has no valid name", async () => {
    await openSources([server()]);
    await type(item(0).getByTestId("gotify-id"), "my server");
    await type(item(0).getByLabelText("Client token"), "C9gk.t0ken");
    expect(item(0).getByTestId<HTMLButtonElement>("gotify-keep").disabled).toBe(true);
  });
});
