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
import type { ImapAccount } from "../lib/settings-imap";
import { controlsIn } from "../test-support/controls";
import { defaultSettings, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const account = (overrides: Partial<ImapAccount> = {}): ImapAccount => ({
  id: "work",
  host: "imap.example.org",
  port: 993,
  tls: "implicit",
  user: "me@example.org",
  folders: ["INBOX"],
  poll_minutes: 5,
  link: null,
  notify: false,
  enabled: true,
  ...overrides,
});

const sent = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => c.args["settings"] as Settings);

const items = (): HTMLElement[] => screen.queryAllByTestId("imap-account");
const item = (i: number): BoundFunctions<typeof queries> => {
  const element = items()[i];
  if (element === undefined) throw new Error(`no mail account ${i}`);
  return within(element);
};

/** An element's text as it reads: runs of white space as one space, trimmed. */
const text = (element: Element): string => element.textContent?.replace(/\s+/g, " ").trim() ?? "";

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

/** Opens Settings › Sources with `imap` saved, once the accounts show. */
async function openSources(
  imap: ImapAccount[] = [],
  engine = fakeSettingsEngine(),
): Promise<ReturnType<typeof fakeSettingsEngine>> {
  engine.settings = defaultSettings({ imap });
  render(SettingsView);
  await fireEvent.click(await screen.findByTestId("section-sources"));
  await screen.findByTestId("imap");
  return engine;
}

/** Each folder's name and status line, as the account shows them. */
const folderLines = (i: number): string[][] =>
  item(i)
    .queryAllByTestId("imap-folder-status")
    .map((row) => [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""]);

describe("reading mail accounts", () => {
  it("adds an account that reads the inbox over TLS on 993, named after its user, and saves it", async () => {
    const engine = await openSources();
    expect(screen.getByTestId("imap").textContent).toContain("No mail account read.");

    await fireEvent.click(screen.getByTestId("add-imap"));
    expect(items()).toHaveLength(1);
    const host = item(0).getByTestId<HTMLInputElement>("imap-host");
    await waitFor(() => expect(document.activeElement, "the server takes focus").toBe(host));
    expect(item(0).getByTestId<HTMLInputElement>("imap-port").value).toBe("993");
    expect(item(0).getByTestId<HTMLSelectElement>("imap-tls").value).toBe("implicit");
    expect(item(0).getByTestId<HTMLTextAreaElement>("imap-folders").value).toBe("INBOX");
    expect(item(0).getByTestId<HTMLInputElement>("imap-poll").value).toBe("5");
    expect(item(0).getByTestId<HTMLInputElement>("imap-notify").checked, "the mail client notifies").toBe(false);
    expect(item(0).getByTestId<HTMLInputElement>("imap-id").value).toBe("mail-1");
    expect(folderLines(0)).toEqual([["INBOX", "Starts once saved."]]);

    await type(host, " IMAP.Example.org ");
    await type(item(0).getByTestId("imap-user"), "me@work.example.org");
    expect(item(0).getByTestId<HTMLInputElement>("imap-id").value).toBe("work");
    await type(item(0).getByTestId("imap-folders"), "INBOX\nSent Items\n");
    expect(folderLines(0).map(([folder]) => folder)).toEqual(["INBOX", "Sent Items"]);

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.imap).toEqual([
      account({ user: "me@work.example.org", folders: ["INBOX", "Sent Items"] }),
    ]);
    await waitFor(() =>
      expect(
        engine.calls.filter((c) => c.cmd === "sources"),
        "the statuses are read again",
      ).toHaveLength(2),
    );
  });

  it("switches a default port with the TLS mode, and keeps a port the user chose", async () => {
    await openSources([account()]);
    const tls = item(0).getByTestId<HTMLSelectElement>("imap-tls");
    const port = item(0).getByTestId<HTMLInputElement>("imap-port");
    await fireEvent.change(tls, { target: { value: "starttls" } });
    expect(port.value).toBe("143");
    await fireEvent.change(tls, { target: { value: "implicit" } });
    expect(port.value).toBe("993");
    await type(port, "1993");
    await fireEvent.change(tls, { target: { value: "starttls" } });
    expect(port.value, "the server wants that port").toBe("1993");
    expect(
      [...tls.options].map((o) => o.value),
      "there is no plain-text choice",
    ).toEqual(["implicit", "starttls"]);
    const hint = document.getElementById(tls.getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent, "the choice says why").toContain("your password travels over this connection");
  });

  it("saves a webmail link, notifications, the interval and a switched-off account; removes one", async () => {
    const engine = await openSources([account(), account({ id: "home", host: "imap.home.example" })]);
    const notify = item(0).getByTestId<HTMLInputElement>("imap-notify");
    expect(item(0).getByTestId("imap-notify-hint").textContent?.trim()).toBe(
      "Off: your mail client notifies you; Lull only records new mail while you are not focusing (it still holds it in Focus).",
    );
    await fireEvent.click(notify);
    expect(item(0).getByTestId("imap-notify-hint").textContent?.trim()).toMatch(/^On: Lull notifies new mail/);
    await type(item(0).getByTestId("imap-link"), "https://mail.example.org/search?q={message_id}");
    await type(item(0).getByTestId("imap-poll"), "15");
    await fireEvent.click(item(0).getByTestId("imap-enabled"));
    expect(item(0).getByTestId("imap-enabled").getAttribute("aria-label")).toBe("Read mail account work");

    const remove = item(1).getByTestId("imap-remove");
    expect(remove.getAttribute("aria-label")).toBe("Remove mail account home");
    await fireEvent.click(remove);
    await waitFor(() => expect(document.activeElement, "focus is not lost").toBe(screen.getByTestId("add-imap")));

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.imap).toEqual([
      account({
        link: "https://mail.example.org/search?q={message_id}",
        notify: true,
        poll_minutes: 15,
        enabled: false,
      }),
    ]);
  });

  it("offers every control to the keyboard, each with a name", async () => {
    await openSources([account()]);
    const element = items()[0];
    if (element === undefined) throw new Error("no account");
    const controls = controlsIn(element);
    expect(controls.map((c) => c.testId)).toEqual([
      "imap-enabled",
      "imap-remove",
      "imap-host",
      "imap-port",
      "imap-tls",
      "imap-user",
      "imap-id",
      "imap-secret-input",
      "imap-keep",
      "imap-forget",
      "imap-folders",
      "imap-poll",
      "imap-link",
      "imap-notify",
      "imap-certificate",
    ]);
    for (const control of controls) {
      expect(control.name, `${control.testId} is named`).not.toBe("");
      expect(control.tabbable, `${control.testId} is reached with Tab`).toBe(true);
    }
    expect(item(0).getByLabelText("IMAP server")).toBe(item(0).getByTestId("imap-host"));
    expect(item(0).getByLabelText("Port")).toBe(item(0).getByTestId("imap-port"));
    expect(item(0).getByLabelText("Security")).toBe(item(0).getByTestId("imap-tls"));
    expect(item(0).getByLabelText(/^Folders/)).toBe(item(0).getByTestId("imap-folders"));
    expect(item(0).getByLabelText(/^Ask a server without IDLE for new mail every/)).toBe(
      item(0).getByTestId("imap-poll"),
    );
    expect(item(0).getByLabelText(/^Open mail in/)).toBe(item(0).getByTestId("imap-link"));
    expect(item(0).getByLabelText("Lull notifies new mail")).toBe(item(0).getByTestId("imap-notify"));
    expect(item(0).getByLabelText("Password")).toBe(item(0).getByTestId("imap-secret-input"));
    expect(item(0).getByLabelText(/^The server's own certificate/)).toBe(item(0).getByTestId("imap-certificate"));
  });
});

describe("a self-hosted server's certificate", () => {
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
  const disclosure = (i: number): HTMLDetailsElement => {
    const found = item(i).getByTestId("imap-certificate").closest("details");
    if (found === null) throw new Error("the certificate is not in a disclosure");
    return found;
  };

  it("is folded away until wanted, saved trimmed with the account, and said to be no secret", async () => {
    const engine = await openSources([account()]);
    expect(disclosure(0).open, "most servers need none").toBe(false);
    expect(text(item(0).getByTestId("imap-certificate-toggle"))).toBe("Server certificate");
    await fireEvent.click(item(0).getByTestId("imap-certificate-toggle"));
    expect(disclosure(0).open, "its summary opens it").toBe(true);

    const field = item(0).getByTestId<HTMLTextAreaElement>("imap-certificate");
    expect(field.value).toBe("");
    const hint = (field.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    expect(hint, "the field says what it is").toContain("A certificate is public, not a secret");

    await type(field, `\n${PEM}\n\n`);
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.imap).toEqual([account({ certificate: PEM })]);
  });

  it("shows one the account has, open, and sends none once emptied", async () => {
    const engine = await openSources([account({ certificate: PEM })]);
    expect(disclosure(0).open, "the user sees the account trusts one").toBe(true);
    const field = item(0).getByTestId<HTMLTextAreaElement>("imap-certificate");
    expect(field.value).toBe(PEM);
    await type(field, "");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(sent(engine.calls)[0]?.imap).toEqual([account({ certificate: null })]);
  });

  it("is checked as the engine checks it, beside the account, and nothing is sent until it is fixed", async () => {
    const engine = await openSources([account()]);
    const field = item(0).getByTestId("imap-certificate");
    const message = screen.getByTestId("message-imap[0]");
    const refusal =
      "A certificate is PEM text that starts with -----BEGIN CERTIFICATE-----, at most 16 KiB: leave it empty, or paste the whole of it.";

    await type(field, "MIIBszCCAVmgAwIBAgIU");
    expect(message.textContent?.trim(), "the base64 alone").toBe(refusal);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    await type(field, `${PEM}\n${"A".repeat(16 * 1024)}`);
    expect(message.textContent?.trim(), "more than 16 KiB").toBe(refusal);
    await fireEvent.click(screen.getByTestId("save"));
    expect(sent(engine.calls), "a draft with a problem is not sent").toHaveLength(0);

    await type(field, PEM);
    expect(message.textContent?.trim()).toBe("");
  });
});

describe("what is wrong with a mail account", () => {
  it("is said beside it as the user types, and nothing is sent until it is fixed", async () => {
    const engine = await openSources([account()]);
    const host = item(0).getByTestId("imap-host");
    const message = screen.getByTestId("message-imap[0]");

    await type(host, "imap example org");
    expect(message.textContent?.trim()).toBe("Write the server's name or address, such as imap.example.org.");
    expect(host.getAttribute("aria-invalid")).toBe("true");
    expect(host.getAttribute("aria-describedby")).toBe(message.id);
    await type(host, "imap.example.org");

    await type(item(0).getByTestId("imap-folders"), 'INBOX\nMy "Mail"');
    expect(message.textContent?.trim()).toBe('A folder is 1 to 256 characters, without " or \\: My "Mail" is not.');
    await type(item(0).getByTestId("imap-folders"), "");
    expect(message.textContent?.trim()).toBe("Read at least one folder, such as INBOX.");
    await type(item(0).getByTestId("imap-folders"), "INBOX");

    await type(item(0).getByTestId("imap-port"), "");
    expect(message.textContent?.trim()).toMatch(/^A port is a whole number from 1 to 65535/);
    await type(item(0).getByTestId("imap-port"), "993");

    await type(item(0).getByTestId("imap-poll"), "240");
    expect(message.textContent?.trim()).toBe("Ask for new mail every 1 to 120 minutes.");
    await type(item(0).getByTestId("imap-poll"), "5");

    await type(item(0).getByTestId("imap-link"), "https://mail.example.org/");
    expect(message.textContent?.trim()).toBe("Leave it empty, or write a web address with {message_id} in it.");
    await type(item(0).getByTestId("imap-link"), "");
    expect(message.textContent?.trim()).toBe("");

    await fireEvent.click(screen.getByTestId("add-imap"));
    await type(item(1).getByTestId("imap-host"), "imap.example.org");
    await type(item(1).getByTestId("imap-user"), "other@work.example");
    expect(screen.getByTestId("message-imap[1]").textContent?.trim()).toBe("");
    await type(item(1).getByTestId("imap-id"), "work");
    expect(screen.getByTestId("message-imap[1]").textContent?.trim()).toBe(
      "Another mail account is called work: pick another name.",
    );

    await fireEvent.click(screen.getByTestId("save"));
    expect(sent(engine.calls), "a draft with a problem is not sent").toHaveLength(0);
  });

  it("lands beside the account the engine names when the engine refuses it", async () => {
    const engine = fakeSettingsEngine({
      update_settings: () => {
        throw { code: "invalid_settings", message: "a user name is 1 to 256 characters", field: "imap[1]" };
      },
    });
    await openSources([account(), account({ id: "home", host: "imap.home.example" })], engine);
    await type(item(1).getByTestId("imap-user"), "someone@home.example");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() =>
      expect(screen.getByTestId("message-imap[1]").textContent?.trim()).toBe("A user name is 1 to 256 characters"),
    );
    expect(screen.getByTestId("message-imap[0]").textContent?.trim(), "not on the other account").toBe("");
  });
});

describe("each mail folder's status", () => {
  it("is shown per folder from the engine's sources, and a hostile folder name stays text", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 11, 2, 15, 0));
    const hostile = '<img src=x onerror="alert(1)">';
    const engine = fakeSettingsEngine();
    engine.imap = [
      { id: "work/INBOX", status: { state: "running", detail: null } },
      {
        id: `work/${hostile}`,
        status: { state: "unreachable", detail: "timed out", since: new Date(2026, 11, 2, 14, 5).toISOString() },
      },
      { id: "home/INBOX", status: { state: "refused", detail: "<b>authentication failed</b>" } },
    ];
    await openSources(
      [account({ folders: ["INBOX", hostile, "Archive"] }), account({ id: "home", host: "imap.home.example" })],
      engine,
    );
    await waitFor(() =>
      expect(folderLines(0)).toEqual([
        ["INBOX", "Connected"],
        [hostile, "Cannot reach imap.example.org since 14:05: timed out"],
        ["Archive", "Starts once saved."],
      ]),
    );
    expect(folderLines(1)).toEqual([["INBOX", "Refused: <b>authentication failed</b>"]]);
    expect(screen.getByTestId("imap").querySelector("img, b"), "nothing of it is markup").toBeNull();
    expect(item(0).getByTestId<HTMLTextAreaElement>("imap-folders").value).toBe(`INBOX\n${hostile}\nArchive`);
  });
});

describe("a mail account's password", () => {
  it("goes to the keyring under imap/<id> at once, is cleared, and never goes into the settings", async () => {
    const engine = await openSources([account()]);
    const field = item(0).getByLabelText<HTMLInputElement>("Password");
    expect(field.type).toBe("password");
    await type(field, "app-pa55word");
    await fireEvent.click(item(0).getByTestId("imap-keep"));
    await waitFor(() => expect(item(0).getByTestId("imap-secret-note").textContent).toBe("Kept in the keyring."));
    expect(engine.calls.filter((c) => c.cmd === "store_secret").map((c) => c.args)).toEqual([
      { source: "imap/work", secret: "app-pa55word" },
    ]);
    expect(engine.secrets.get("imap/work")).toBe("app-pa55word");
    expect(field.value, "the field is cleared").toBe("");

    await type(item(0).getByTestId("imap-poll"), "10");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
    expect(JSON.stringify(sent(engine.calls)), "the password is never in the settings").not.toContain("app-pa55word");
  });
});
