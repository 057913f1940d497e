/**
 * The pure side of Settings › Sources › Mail accounts: what a folder list typed one per line
 * means, the account a new one starts as, the port that goes with a kind of TLS, and the names
 * of an account's password and of its folders' statuses.
 *
 * The one decision to know: Lull only reads a mailbox (the mail client stays the one that
 * changes it), and by default it does not notify new mail either, since the mail client does:
 * it records the mail, and holds it in Focus like any message. The password is the one secret
 * and is never in the settings (a server's own certificate is: it is public). The limits are
 * the core's (crates/core/src/subscriptions.rs); see settings-remote.ts for what all remote
 * sources share.
 */

import type { ImapAccount } from "../bindings/ImapAccount";
import type { ImapTls } from "../bindings/ImapTls";
import { uniqueId } from "./settings-remote";

export type { ImapAccount, ImapTls };

export const MAX_ACCOUNTS = 10;
export const MAX_FOLDERS = 8;
export const MAX_FOLDER = 256;
export const MAX_MAIL_USER = 256;
export const MAX_HOST = 253;
export const MAX_LINK = 2048;
export const MIN_POLL_MINUTES = 1;
export const MAX_POLL_MINUTES = 120;
export const DEFAULT_POLL_MINUTES = 5;
export const DEFAULT_FOLDER = "INBOX";
/** The longest server certificate (chain) an account may trust, in UTF-8 bytes as the core counts. */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;
/** How a PEM certificate starts, as the core checks it. */
// i18n: not words, the PEM marker, which no translation changes.
export const PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
/** What a link names the message by; the engine puts the Message-ID in its place. */
export const MESSAGE_ID = "{message_id}";

/** The port each kind of TLS is served on unless the server says otherwise. */
export const DEFAULT_PORT: Readonly<Record<ImapTls, number>> = { implicit: 993, starttls: 143 };

/** What an account's name starts as until it has a user of its own: "mail-1". */
const STEM = "mail";

/** The host as the core keeps it: trimmed, without a trailing dot, in lower case. */
export const tidyHost = (host: string): string => host.trim().replace(/\.+$/, "").toLowerCase();

/** Whether the core takes `host`: a name or an address, in letters, digits, `-`, `.`, `:`, `[` and `]`. */
export function isHost(host: string): boolean {
  const text = tidyHost(host);
  return text.length > 0 && text.length <= MAX_HOST && /^[A-Za-z0-9.:[\]-]+$/.test(text);
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether the core takes `user`: 1 to 256 characters, none of them a control character. */
export const isMailUser = (user: string): boolean =>
  user.trim().length > 0 && user.trim().length <= MAX_MAIL_USER && !CONTROL.test(user);

/** Whether the core takes `folder`: 1 to 256 characters, without `"` or `\` (it is quoted in the commands). */
export const isFolder = (folder: string): boolean =>
  folder.length > 0 && folder.length <= MAX_FOLDER && !/["\\]/.test(folder) && !CONTROL.test(folder);

/** The folders in `text`, one per line (a folder's name may hold spaces and commas), each once. */
export function parseFolders(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((folder) => folder.trim()))].filter((folder) => folder !== "");
}

/** The folders as the folders field shows them. */
export const formatFolders = (folders: readonly string[]): string => folders.join("\n");

/**
 * Whether the core takes `link` as where mail opens: empty (a `mid:` link, which desktop mail
 * clients open), or an http(s) address with `{message_id}` in it, such as a webmail's search.
 */
export function isMailLink(link: string | null): boolean {
  const text = link?.trim() ?? "";
  if (text === "") return true;
  return /^https?:\/\//.test(text) && text.includes(MESSAGE_ID) && text.length <= MAX_LINK && !text.includes(" ");
}

/** The certificate as the core keeps it: trimmed, and `null` when nothing is left. */
export function tidyCertificate(pem: string | null | undefined): string | null {
  const text = pem?.trim() ?? "";
  return text === "" ? null : text;
}

/**
 * Whether the core takes `pem` as the server's own certificate: none, or PEM text that starts
 * with `-----BEGIN CERTIFICATE-----`, at most 16 KiB. Whether it is one the server shows is only
 * found out by connecting.
 */
export function isCertificate(pem: string | null | undefined): boolean {
  const text = tidyCertificate(pem);
  return (
    text === null || (text.startsWith(PEM_BEGIN) && new TextEncoder().encode(text).length <= MAX_CERTIFICATE_BYTES)
  );
}

/** The name a user suggests: the first label of the domain of an address ("work" for me@work.example), else the user. */
export function idFromUser(user: string): string {
  const text = user.trim();
  const at = text.lastIndexOf("@");
  return (at >= 0 ? (text.slice(at + 1).split(".")[0] ?? "") : text).toLowerCase();
}

/** The name an account takes from `user`, unless another account has it. */
export const mailId = (user: string, taken: Iterable<string>): string =>
  uniqueId(idFromUser(user) || undefined, taken, STEM);

/** A new account beside `others`: implicit TLS on 993, the inbox every 5 minutes, no notifications, on. */
export function newAccount(others: readonly ImapAccount[]): ImapAccount {
  return {
    id: mailId(
      "",
      others.map((a) => a.id),
    ),
    host: "",
    port: DEFAULT_PORT.implicit,
    tls: "implicit",
    user: "",
    folders: [DEFAULT_FOLDER],
    poll_minutes: DEFAULT_POLL_MINUTES,
    link: null,
    notify: false,
    enabled: true,
  };
}

/**
 * The port after a switch from `from` to `to`: the other kind's port when it was this kind's
 * default (or no port at all), else the port the user chose, which the server wants.
 */
export function portAfterSwitch(port: number, from: ImapTls, to: ImapTls): number {
  return port === DEFAULT_PORT[from] || !Number.isInteger(port) ? DEFAULT_PORT[to] : port;
}

/**
 * The account as it is sent: trimmed and lower-cased as the core does, an empty link or
 * certificate `null` (a certificate the settings never had stays absent, as they came).
 */
export const tidyAccount = (account: ImapAccount): ImapAccount => ({
  ...account,
  id: account.id.trim(),
  host: tidyHost(account.host),
  user: account.user.trim(),
  folders: [...new Set(account.folders.map((folder) => folder.trim()))],
  link: account.link?.trim() || null,
  ...(account.certificate === undefined ? {} : { certificate: tidyCertificate(account.certificate) }),
});

/** The keyring's name for an account's password, as `store_secret` takes it. */
export const imapSecret = (id: string): string => `imap/${id}`;

/** The id the engine gives a folder's status in `Sources.imap`: `<account>/<folder>`. */
export const folderStatusId = (account: string, folder: string): string => `${account}/${folder}`;
