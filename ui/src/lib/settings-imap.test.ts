import { describe, expect, it } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { check, tidy } from "./settings-check";
import { placeField } from "./settings-fields";
import { changedSections, sectionOfField } from "./settings-sections";
import {
  folderStatusId,
  idFromUser,
  imapSecret,
  isCertificate,
  isHost,
  isMailLink,
  mailId,
  newAccount,
  parseFolders,
  portAfterSwitch,
  type ImapAccount,
} from "./settings-imap";

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

const problemOf = (overrides: Partial<ImapAccount>): string | undefined =>
  check(defaultSettings({ imap: [account(overrides)] })).get("imap[0]");

describe("a new mail account", () => {
  it("reads the inbox over implicit TLS on 993 every 5 minutes, without notifying, and is on", () => {
    expect(newAccount([])).toEqual({
      id: "mail-1",
      host: "",
      port: 993,
      tls: "implicit",
      user: "",
      folders: ["INBOX"],
      poll_minutes: 5,
      link: null,
      notify: false,
      enabled: true,
    });
    expect(newAccount([account({ id: "mail-1" })]).id).toBe("mail-2");
  });

  it("is named after its user's mail domain, or the user itself", () => {
    expect(idFromUser("alice@Work.example.org")).toBe("work");
    expect(idFromUser(" alice ")).toBe("alice");
    expect(mailId("alice@work.example.org", ["work"])).toBe("work-2");
    expect(mailId("", [])).toBe("mail-1");
    expect(mailId("Alice Smith", []), "a user that is no name is not used").toBe("mail-1");
  });

  it("keeps its password under imap/<id>, and its folders' statuses under <id>/<folder>", () => {
    expect(imapSecret("work")).toBe("imap/work");
    expect(folderStatusId("work", "Sent Items")).toBe("work/Sent Items");
  });
});

describe("an account's folders typed one per line", () => {
  it("keep spaces and commas inside a name, each once, blank lines dropped", () => {
    expect(parseFolders("INBOX\n  Sent Items \n\nLists, misc\r\nINBOX\n")).toEqual([
      "INBOX",
      "Sent Items",
      "Lists, misc",
    ]);
    expect(parseFolders("\n \n")).toEqual([]);
  });
});

describe("switching an account's TLS", () => {
  it("moves a default port to the other kind's default, and keeps a port the user chose", () => {
    expect(portAfterSwitch(993, "implicit", "starttls")).toBe(143);
    expect(portAfterSwitch(143, "starttls", "implicit")).toBe(993);
    expect(portAfterSwitch(1143, "implicit", "starttls")).toBe(1143);
    expect(portAfterSwitch(Number.NaN, "implicit", "starttls"), "an emptied box gets the default").toBe(143);
  });
});

describe("the checks of the mail accounts", () => {
  it("find nothing wrong with good ones", () => {
    const good = [
      account(),
      account({ id: "home", host: "[::1]", port: 1143, tls: "starttls", folders: ["INBOX", "Sent Items"] }),
      account({ id: "web", link: "https://mail.example.org/#search/rfc822msgid:{message_id}", notify: true }),
    ];
    expect(check(defaultSettings({ imap: good })).size).toBe(0);
  });

  it("send the account as the core keeps it: trimmed, the host lower-cased, an empty link none", () => {
    const sent = tidy(
      defaultSettings({
        imap: [account({ id: " work ", host: " IMAP.Example.org. ", user: " me@example.org ", link: " " })],
      }),
    );
    expect(sent.imap).toEqual([account()]);
  });

  it("name a bad host, port, user, folder, interval or link by imap[i]", () => {
    expect(problemOf({ host: "" })).toBe("Write the server's name or address, such as imap.example.org.");
    expect(problemOf({ host: "imap example.org" })).toBe(
      "Write the server's name or address, such as imap.example.org.",
    );
    expect(problemOf({ host: "imap/example" })).toBe("Write the server's name or address, such as imap.example.org.");
    expect(problemOf({ port: 0 })).toBe(
      "A port is a whole number from 1 to 65535, usually 993 for TLS or 143 for STARTTLS.",
    );
    expect(problemOf({ port: 65536 })).toBeDefined();
    expect(problemOf({ port: Number.NaN }), "an emptied box").toBeDefined();
    expect(problemOf({ user: " " })).toBe("Write the user you sign in with: 1 to 256 characters.");
    expect(problemOf({ user: "a".repeat(257) })).toBe("Write the user you sign in with: 1 to 256 characters.");
    expect(problemOf({ folders: [] })).toBe("Read at least one folder, such as INBOX.");
    expect(problemOf({ folders: Array.from({ length: 9 }, (_, i) => `F${i}`) })).toBe(
      "Read at most 8 folders of one account.",
    );
    expect(problemOf({ folders: ["INBOX", 'My "Mail"'] })).toBe(
      'A folder is 1 to 256 characters, without " or \\: My "Mail" is not.',
    );
    expect(problemOf({ folders: ["a\\b"] })).toBeDefined();
    expect(problemOf({ poll_minutes: 0 })).toBe("Ask for new mail every 1 to 120 minutes.");
    expect(problemOf({ poll_minutes: 121 })).toBe("Ask for new mail every 1 to 120 minutes.");
    expect(problemOf({ link: "https://mail.example.org/search" })).toBe(
      "Leave it empty, or write a web address with {message_id} in it.",
    );
    expect(problemOf({ id: "" })).toBe("Name it with 1 to 32 letters, digits, - or _.");
  });

  it("take a server certificate as the core does: none, or PEM text of at most 16 KiB", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    expect(isCertificate(null)).toBe(true);
    expect(isCertificate(undefined)).toBe(true);
    expect(isCertificate(" \n ")).toBe(true);
    expect(isCertificate(`\n${pem}\n`), "trimmed first").toBe(true);
    expect(isCertificate("MIIB"), "the base64 alone is not PEM").toBe(false);
    expect(isCertificate("-----BEGIN PRIVATE KEY-----\nMIIE")).toBe(false);
    const head = "-----BEGIN CERTIFICATE-----\n";
    expect(isCertificate(head + "A".repeat(16384 - head.length))).toBe(true);
    expect(isCertificate(head + "A".repeat(16385 - head.length))).toBe(false);
    expect(isCertificate(head + "é".repeat(8180)), "counted in bytes, as the core does").toBe(false);
    expect(problemOf({ certificate: "hello" })).toBe(
      "A certificate is PEM text that starts with -----BEGIN CERTIFICATE-----, at most 16 KiB: leave it empty, or paste the whole of it.",
    );
    expect(problemOf({ certificate: pem })).toBeUndefined();
  });

  it("send a certificate trimmed, an emptied one as none, and leave out one the settings never had", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    const sent = (certificate: string | null | undefined): unknown =>
      tidy(defaultSettings({ imap: [account(certificate === undefined ? {} : { certificate })] })).imap[0];
    expect(sent(`  ${pem}\n`)).toEqual(account({ certificate: pem }));
    expect(sent(" \n")).toEqual(account({ certificate: null }));
    expect(sent(null)).toEqual(account({ certificate: null }));
    expect(Object.keys(sent(undefined) as object), "as it came").not.toContain("certificate");
  });

  it("take a host name or address and a mail link as the core does", () => {
    expect(isHost("imap.example.org")).toBe(true);
    expect(isHost("192.168.1.4")).toBe(true);
    expect(isHost("[2001:db8::1]")).toBe(true);
    expect(isHost("imap.example.org:993"), "the port has its own box, but the core takes a colon").toBe(true);
    expect(isHost("ïmap.example.org")).toBe(false);
    expect(isMailLink(null)).toBe(true);
    expect(isMailLink("")).toBe(true);
    expect(isMailLink("http://webmail.local/?q={message_id}")).toBe(true);
    expect(isMailLink("mid:{message_id}"), "mid: is what an empty link means").toBe(false);
    expect(isMailLink("https://mail.example.org/search?q= {message_id}")).toBe(false);
  });

  it("point at the second of two accounts with the same id, and allow at most 10", () => {
    const twice = check(defaultSettings({ imap: [account(), account({ host: "imap.other.example" })] }));
    expect(twice.has("imap[0]")).toBe(false);
    expect(twice.get("imap[1]")).toBe("Another mail account is called work: pick another name.");
    const many = Array.from({ length: 11 }, (_, i) => account({ id: `m${i}` }));
    expect(check(defaultSettings({ imap: many })).get("imap")).toBe("Read at most 10 mail accounts.");
  });

  it("place the engine's imap[i] beside an account the form still has, on the Sources page", () => {
    expect(placeField("imap[0]", { imap: 1 })).toBe("imap[0]");
    expect(placeField("imap[1]", { imap: 1 })).toBeNull();
    expect(placeField("imap", { imap: 0 })).toBe("imap");
    expect(sectionOfField("imap[0]")).toBe("sources");
    expect(sectionOfField("gotify[2]")).toBe("sources");
  });

  it("mark the Sources page changed when an account changes", () => {
    const saved = defaultSettings({ imap: [account()] });
    expect([...changedSections(saved, defaultSettings({ imap: [account({ notify: true })] }))]).toEqual(["sources"]);
    expect(changedSections(saved, tidy(defaultSettings({ imap: [account({ host: "IMAP.example.org" })] }))).size).toBe(
      0,
    );
  });
});
