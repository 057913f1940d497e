import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { messageId } from "../lib/settings-fields";
import type { Sources } from "../lib/settings-ipc";
import { PLACEHOLDER } from "../lib/settings-sources";
import { formatDay, TOKEN_FIELDS } from "../lib/settings-tokens";
import {
  API_URL,
  defaultSettings,
  fakeSettingsEngine,
  MADE_AT,
  publishToken,
  REVOKED_AT,
  secretOf,
  sources,
  TOKEN,
} from "../test-support/settings";
import SettingsView from "./Settings.svelte";

/** The clipboard's `writeText`, a fresh mock per test. */
let writeText: Mock<(text: string) => Promise<void>>;

beforeEach(() => {
  writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => screen.getByTestId<T>(id);
const commands = (engine: { calls: { cmd: string }[] }): string[] => engine.calls.map((c) => c.cmd);

async function type(testId: string, value: string): Promise<void> {
  await fireEvent.input(byTestId(testId), { target: { value } });
}

/** Copies the three examples and resolves to what went onto the clipboard, in order. */
async function copyExamples(): Promise<string[]> {
  writeText.mockClear();
  await fireEvent.click(byTestId("copy-api"));
  await fireEvent.click(byTestId("copy-ntfy"));
  await fireEvent.click(byTestId("copy-gotify"));
  await waitFor(() => expect(writeText).toHaveBeenCalledTimes(3));
  return writeText.mock.calls.map(([text]) => text);
}

/**
 * Opens Sources from the side list. Someone with a publish token starts at Work hours; someone
 * new starts here.
 */
async function openSources(): Promise<void> {
  await fireEvent.click(await screen.findByTestId("section-sources"));
}

/** Makes a token through the form, the way a keyboard user does: type, then Enter (the form's submit). */
async function makeToken(name: string, topics = "", priority = ""): Promise<void> {
  await type("new-token-name", name);
  if (topics !== "") await type("new-token-topics", topics);
  if (priority !== "") await fireEvent.change(byTestId("new-token-priority"), { target: { value: priority } });
  await fireEvent.submit(byTestId("new-token"));
}

describe("the control token", () => {
  it("is hidden until asked, copied whole, and said to be for the lull command and this app", async () => {
    fakeSettingsEngine();
    render(SettingsView);

    const token = await screen.findByTestId("token");
    expect(token.textContent).not.toContain(TOKEN);
    expect(byTestId("api-url").textContent).toBe(API_URL);
    expect(byTestId("control-token-hint").textContent).toBe(
      "For the lull command and this app. Give each tool a publish token instead.",
    );

    await fireEvent.click(byTestId("copy-token"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(TOKEN));
    expect(byTestId("copy-note").textContent).toBe("The control token copied.");
    expect(token.textContent, "copying does not reveal it").not.toContain(TOKEN);

    await fireEvent.click(byTestId("show-token"));
    expect(token.textContent).toBe(TOKEN);
  });

  it("is selected for Ctrl+C when there is no clipboard", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    fakeSettingsEngine();
    render(SettingsView);

    await fireEvent.click(await screen.findByTestId("copy-token"));

    await waitFor(() => expect(window.getSelection()?.toString()).toBe(TOKEN));
    expect(byTestId("copy-note").textContent).toBe("The control token selected: press Ctrl+C to copy it.");
  });

  it("is rotated only after a confirmation", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);

    await fireEvent.click(await screen.findByTestId("rotate-token"));
    expect(commands(engine), "asking is not rotating").not.toContain("rotate_token");
    await fireEvent.click(byTestId("confirm-rotate"));

    await waitFor(() => expect(commands(engine)).toContain("rotate_token"));
    await fireEvent.click(byTestId("show-token"));
    expect(byTestId("token").textContent).toBe("n3w-t0ken");
  });

  it("comes with the reason the API is not listening, and no examples", async () => {
    fakeSettingsEngine({ sources: () => sources({ api_url: null, api_error: "port 8737 is in use" }) });
    render(SettingsView);

    expect((await screen.findByTestId("api-error")).textContent).toBe("Not listening: port 8737 is in use");
    expect(screen.queryByTestId("example-api")).toBeNull();
  });

  it("says so when [::1] is taken by another program, beside the address that works", async () => {
    const warning = "cannot listen on [::1]:8737 (Address in use): use http://127.0.0.1:8737";
    fakeSettingsEngine({ sources: () => sources({ api_warning: warning }) });
    render(SettingsView);

    expect((await screen.findByTestId("api-warning")).textContent).toBe(warning);
    expect(screen.getByTestId("api-url").textContent).toBe(API_URL);
  });
});

describe("the examples", () => {
  it("never carry the control token: until a publish token is made they hold a placeholder", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await screen.findByTestId("example-api");
    expect(byTestId("examples-hint").textContent).toBe("Make a publish token to fill these in.");

    const [api, ntfy, gotify] = await copyExamples();

    for (const [name, text] of Object.entries({ api, ntfy, gotify })) {
      expect(text, `${name}: not the control token`).not.toContain(TOKEN);
      expect(text, `${name}: the placeholder, to be replaced`).toContain(PLACEHOLDER);
    }
    expect(api).toContain(`'Authorization: Bearer ${PLACEHOLDER}'`);
    expect(api).toContain(`${API_URL}/v1/messages`);
    expect(api).toContain(`-d '{"sender": "CI", "title": "Build failed"`);
    expect(ntfy).toContain(`-u ':${PLACEHOLDER}'`);
    expect(ntfy).toContain("-H 'Title: Backup finished'");
    expect(ntfy).toContain(`${API_URL}/mytopic`);
    expect(gotify).toContain(`curl -X POST "${API_URL}/message?token=${PLACEHOLDER}"`);
    expect(gotify).toContain("-F 'title=Deploy done' -F 'message=v1.4 is live'");

    await fireEvent.click(byTestId("show-token"));
    expect(byTestId("examples").textContent, "showing the control token leaves the examples alone").not.toContain(
      TOKEN,
    );
    expect(byTestId("example-gotify").textContent).toContain(`${API_URL}/message?token=${PLACEHOLDER}`);
  });

  it("carry a token just made, masked on screen until shown, and forget it when the user is done", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await screen.findByTestId("example-api");
    await makeToken("Backups");
    const secret = secretOf(1);
    await screen.findByTestId("new-token-box");

    const [api, ntfy, gotify] = await copyExamples();
    expect(api).toContain(`'Authorization: Bearer ${secret}'`);
    expect(ntfy).toContain(`-u ':${secret}'`);
    expect(ntfy).toContain(`${API_URL}/mytopic`);
    expect(gotify).toContain(`"${API_URL}/message?token=${secret}"`);
    for (const text of [api, ntfy, gotify]) expect(text).not.toContain(TOKEN);
    expect(byTestId("examples-hint").textContent).toContain("Filled in with the token Backups.");
    expect(byTestId("examples").textContent, "masked on screen").not.toContain(secret);

    await fireEvent.click(byTestId("show-secret"));
    expect(byTestId("example-gotify").textContent).toContain(`${API_URL}/message?token=${secret}`);

    await fireEvent.click(byTestId("dismiss-new-token"));
    expect(screen.queryByTestId("new-token-box"), "done: the secret is gone").toBeNull();
    expect(byTestId("examples-hint").textContent).toBe("Make a publish token to fill these in.");
    expect(byTestId("sources").textContent, "nowhere on screen any more").not.toContain(secret);
    const [again] = await copyExamples();
    expect(again).toContain(PLACEHOLDER);
    expect(document.activeElement, "on to the next token").toBe(byTestId("new-token-name"));
  });
});

describe("publish tokens", () => {
  it("start with a word on what they are for, then list one made with its topics and cap", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    expect((await screen.findByTestId("no-tokens")).textContent?.replace(/\s+/g, " ").trim()).toBe(
      "No publish tokens yet. Make one for each tool that sends you messages (CI, backups, a phone relay).",
    );

    await makeToken("CI", "ci-builds, deploy-*", "4");

    await waitFor(() =>
      expect(engine.calls).toContainEqual({
        cmd: "create_token",
        args: { name: "CI", topics: ["ci-builds", "deploy-*"], max_priority: 4 },
      }),
    );
    const row = await screen.findByTestId("token-row-CI");
    expect(row.textContent).toContain("topics ci-builds, deploy-*");
    expect(row.textContent).toContain("priority ≤ 4");
    expect(row.textContent).toContain(`made ${formatDay(MADE_AT)}`);
    expect(screen.queryByTestId("no-tokens")).toBeNull();
    await waitFor(() =>
      expect(byTestId<HTMLInputElement>("new-token-name").value, "the form is ready for the next").toBe(""),
    );
    expect(byTestId<HTMLInputElement>("new-token-topics").value).toBe("");
  });

  it("show a new token's secret once, ready to copy", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await screen.findByTestId("new-token-name");
    await makeToken("Phone relay");

    const box = await screen.findByTestId("new-token-box");
    expect(box.textContent).toContain("Copy this token now: it is not shown again.");
    expect(byTestId("new-token-secret").textContent).toBe(secretOf(1));
    expect(byTestId("new-token-secret").tagName).toBe("CODE");
    expect(document.activeElement, "Copy is the next thing to do").toBe(byTestId("copy-new-token"));

    await fireEvent.click(byTestId("copy-new-token"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(secretOf(1)));
    expect(byTestId("copy-note").textContent).toBe("The token Phone relay copied.");

    await fireEvent.click(byTestId("dismiss-new-token"));
    expect(screen.queryByTestId("new-token-secret")).toBeNull();
    expect(byTestId("token-row-Phone relay").textContent, "the list never shows a secret").not.toContain("lullp_");
  });

  it("show a name already taken beside the name, keep what was typed, and add nothing", async () => {
    const engine = fakeSettingsEngine({}, [publishToken({ name: "CI" })]);
    render(SettingsView);
    await screen.findByTestId("token-row-CI");
    await openSources();

    await makeToken("CI", "ci-*");

    const message = await screen.findByText('A token called "CI" exists; revoke it first or pick another name');
    expect(message.dataset["testid"]).toBe(`message-${TOKEN_FIELDS.name}`);
    const name = byTestId<HTMLInputElement>("new-token-name");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(name.getAttribute("aria-describedby")).toBe(messageId(TOKEN_FIELDS.name));
    expect(document.activeElement, "the cursor goes to the field at fault").toBe(name);
    expect(name.value, "the input is kept").toBe("CI");
    expect(byTestId<HTMLInputElement>("new-token-topics").value).toBe("ci-*");
    expect(within(byTestId("tokens-list")).getAllByRole("listitem"), "nothing added").toHaveLength(1);
    expect(screen.queryByTestId("new-token-box")).toBeNull();
    expect(engine.tokens).toHaveLength(1);
  });

  it("ask for a name before sending anything", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await screen.findByTestId("new-token-name");

    await fireEvent.click(byTestId("make-token"));

    expect((await screen.findByTestId(`message-${TOKEN_FIELDS.name}`)).textContent?.trim()).toBe(
      "Name the token after the tool that will use it, such as CI.",
    );
    expect(commands(engine)).not.toContain("create_token");
  });

  it("are revoked only after a confirmation, and then listed as revoked", async () => {
    const engine = fakeSettingsEngine({}, [publishToken({ id: 1, name: "CI" }), publishToken({ id: 2, name: "NAS" })]);
    render(SettingsView);
    await openSources();

    await fireEvent.click(await screen.findByTestId("revoke-token-CI"));
    const confirm = within(byTestId("token-row-CI")).getByRole("group");
    expect(confirm.textContent).toContain("CI stops working at once; the messages it sent stay.");
    expect(document.activeElement?.textContent, "Cancel is where a second Enter lands").toBe("Cancel");
    expect(commands(engine), "asking is not revoking").not.toContain("revoke_token");

    await fireEvent.click(byTestId("confirm-revoke"));

    await waitFor(() => expect(screen.queryByTestId("token-row-CI")).toBeNull());
    expect(engine.calls).toContainEqual({ cmd: "revoke_token", args: { name: "CI" } });
    expect(byTestId("token-row-NAS"), "the other token still works").toBeTruthy();
    const toggle = byTestId("show-revoked");
    expect(toggle.textContent?.trim()).toBe("Show revoked (1)");
    await waitFor(() => expect(document.activeElement, "focus goes where the token went").toBe(toggle));

    await fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(byTestId("revoked-row-CI").textContent).toContain(`revoked ${formatDay(REVOKED_AT)}`);
    expect(byTestId("revoked-row-CI").querySelector("button"), "nothing left to do with it").toBeNull();
  });

  it("stay as they were when the user cancels", async () => {
    const engine = fakeSettingsEngine({}, [publishToken({ name: "CI" })]);
    render(SettingsView);

    await fireEvent.click(await screen.findByTestId("revoke-token-CI"));
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });

    await waitFor(() => expect(document.activeElement).toBe(byTestId("revoke-token-CI")));
    expect(commands(engine)).not.toContain("revoke_token");
  });

  it("say why a revocation was refused", async () => {
    fakeSettingsEngine(
      {
        revoke_token: () => {
          throw { code: "unknown_token", message: 'no working token is called "CI"', field: "name" };
        },
      },
      [publishToken({ name: "CI" })],
    );
    render(SettingsView);

    await fireEvent.click(await screen.findByTestId("revoke-token-CI"));
    await fireEvent.click(byTestId("confirm-revoke"));

    expect((await screen.findByTestId("revoke-error")).textContent).toBe('No working token is called "CI"');
  });

  it("show a name as the text it is", async () => {
    const name = `<img src=x onerror="alert(1)">`;
    fakeSettingsEngine({}, [publishToken({ name })]);
    render(SettingsView);

    const row = await screen.findByTestId(`token-row-${name}`);
    expect(row.querySelector("img"), "no element made from the name").toBeNull();
    expect(row.textContent).toContain(name);
  });
});

describe("where the remote sources' secrets are kept", () => {
  /** An element's text as it reads: runs of white space as one space, trimmed. */
  const text = (element: Element): string => element.textContent?.replace(/\s+/g, " ").trim() ?? "";

  it("is said to be the desktop's keyring when a Secret Service keeps them", async () => {
    fakeSettingsEngine({ sources: () => sources({ secrets: { kind: "secret_service" } }) });
    render(SettingsView);
    await openSources();

    const line = await screen.findByTestId("secrets-place");
    expect(text(line)).toBe("Passwords and tokens are kept in your desktop's keyring.");
    expect(line.getAttribute("role"), "a fact, not an alarm").toBeNull();
  });

  it("names the file, as the text it is, when no keyring is running", async () => {
    const path = "/home/me/.local/share/lull/<img src=x onerror=alert(1)>";
    fakeSettingsEngine({ sources: () => sources({ secrets: { kind: "file", path } }) });
    render(SettingsView);
    await openSources();

    const line = await screen.findByTestId("secrets-place");
    expect(text(line)).toBe(
      `Passwords and tokens are kept in ${path}, readable only by you: no keyring (Secret Service) is running.`,
    );
    expect(line.querySelector("code")?.textContent, "the path as code").toBe(path);
    expect(line.querySelector("img"), "no element made from the path").toBeNull();
    expect(line.getAttribute("role"), "a fact, not an alarm").toBeNull();
  });

  it("is not said before a source needed a secret", async () => {
    fakeSettingsEngine({ sources: () => sources({ secrets: null }) });
    render(SettingsView);
    await openSources();

    await screen.findByTestId("token");
    await screen.findByTestId("imap");
    expect(screen.queryByTestId("secrets-place")).toBeNull();
  });
});

describe("a source's secret field, wherever the secrets are kept", () => {
  /** Opens Sources with one Gotify server saved, the secrets kept as `secrets` says. */
  async function openWith(secrets: Sources["secrets"]): Promise<HTMLElement> {
    const engine = fakeSettingsEngine({ sources: () => sources({ secrets }) });
    engine.settings = defaultSettings({
      gotify: [{ id: "home", server: "https://gotify.example.org", enabled: true }],
    });
    render(SettingsView);
    await openSources();
    return await screen.findByTestId("gotify-secret");
  }

  /** Keeps a token, then forgets twice, resolving to the notes said after each. */
  async function keepAndForget(field: HTMLElement): Promise<string[]> {
    const notes: string[] = [];
    const note = (): string => within(field).getByTestId("gotify-secret-note").textContent ?? "";
    await fireEvent.input(within(field).getByLabelText("Client token"), { target: { value: "C9gk.t0ken" } });
    await fireEvent.click(within(field).getByTestId("gotify-keep"));
    await waitFor(() => expect(note()).not.toBe(""));
    notes.push(note());
    await fireEvent.click(within(field).getByTestId("gotify-forget"));
    await waitFor(() => expect(note()).toBe("Forgotten."));
    notes.push(note());
    await fireEvent.click(within(field).getByTestId("gotify-forget"));
    await waitFor(() => expect(note()).not.toBe("Forgotten."));
    notes.push(note());
    return notes;
  }

  it("speaks of the keyring when a Secret Service keeps them", async () => {
    const field = await openWith({ kind: "secret_service" });
    expect(field.textContent).toContain("Kept in the desktop's keyring, never in Lull's settings.");
    expect(within(field).getByTestId("gotify-keep").textContent).toBe("Keep in keyring");
    expect(await keepAndForget(field)).toEqual([
      "Kept in the keyring.",
      "Forgotten.",
      "The keyring held nothing for gotify/home.",
    ]);
  });

  it("names the file, never a keyring, when no Secret Service runs", async () => {
    const path = "/home/me/.local/share/lull/secrets.toml";
    const field = await openWith({ kind: "file", path });
    expect(field.textContent).toContain(`Kept in ${path}, readable only by you, never in Lull's settings.`);
    expect(field.textContent, "no keyring promised").not.toContain("keyring");
    expect(within(field).getByTestId("gotify-keep").textContent).toBe("Keep in file");
    expect(await keepAndForget(field)).toEqual([
      `Kept in ${path}.`,
      "Forgotten.",
      `${path} held nothing for gotify/home.`,
    ]);
    expect(field.textContent, "no keyring promised").not.toContain("keyring");
  });
});
