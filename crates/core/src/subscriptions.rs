//! What Lull subscribes to on other servers: topics on ntfy servers, Gotify servers' streams and
//! mail accounts' folders over IMAP. Each subscription is part of the settings, validated with them; its password
//! or token is not: it is kept in the Secret Service under [`NtfySubscription::secret_key`], and
//! the settings only say which kind of credential to send.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

/// How many Gotify servers Lull may follow.
pub const MAX_GOTIFY_SUBSCRIPTIONS: usize = 20;

/// How many ntfy subscriptions there may be.
pub const MAX_NTFY_SUBSCRIPTIONS: usize = 20;
/// How many topics one subscription may follow (one connection carries them all).
pub const MAX_NTFY_TOPICS: usize = 32;

/// Topics on one ntfy server, followed over one streaming connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct NtfySubscription {
    /// Stable and unique among the subscriptions (`"home"`): it names the subscription's place
    /// in the stream (so a restart catches up from there) and its secret.
    pub id: String,
    /// The server's base URL: `https://ntfy.sh` or a self-hosted one (`http://` only on loopback
    /// or a trusted network: the token travels with every request).
    pub server: String,
    /// The topics, as ntfy names them (letters, digits, `-` and `_`, up to 64).
    pub topics: Vec<String>,
    /// Which credential is sent; the credential itself is in the Secret Service.
    #[serde(default)]
    pub auth: NtfyAuth,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}

/// The credential an ntfy server wants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NtfyAuth {
    /// A public topic: nothing is sent.
    #[default]
    None,
    /// An access token (`tk_…`), sent as `Authorization: Bearer`.
    Token,
    /// A user name and password, sent as HTTP Basic; the password is the secret.
    Basic { user: String },
}

impl NtfySubscription {
    /// Where its password or token is kept in the Secret Service.
    pub fn secret_key(&self) -> String {
        format!("source/ntfy/{}", self.id)
    }

    /// How a person names its secret (`lull secret set ntfy/home`).
    pub fn secret_name(&self) -> String {
        format!("ntfy/{}", self.id)
    }

    /// The key its place in the stream (the last message id seen) is stored under.
    pub fn cursor_key(&self) -> String {
        format!("ntfy/{}", self.id)
    }

    /// The server's host, as a status line or a message's sender names it: `ntfy.sh`.
    pub fn host(&self) -> &str {
        host_of(&self.server)
    }

    fn validate(mut self) -> Result<Self> {
        self.id = self.id.trim().to_owned();
        if !is_name(&self.id, 32) {
            return Err(invalid("a subscription's id is 1 to 32 letters, digits, - or _".into()));
        }
        self.server = server_url(&self.server)?;
        if self.topics.is_empty() || self.topics.len() > MAX_NTFY_TOPICS {
            return Err(invalid(format!("a subscription follows 1 to {MAX_NTFY_TOPICS} topics")));
        }
        for topic in &mut self.topics {
            *topic = topic.trim().to_owned();
            if !is_name(topic, 64) {
                return Err(invalid(format!("a topic is 1 to 64 letters, digits, - or _ (got {topic:?})")));
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.topics.retain(|topic| seen.insert(topic.clone()));
        if let NtfyAuth::Basic { user } = &mut self.auth {
            *user = user.trim().to_owned();
            if user.is_empty() || user.len() > 256 || user.contains(':') || user.chars().any(char::is_control)
            {
                return Err(invalid("a user name is 1 to 256 characters, without ':'".into()));
            }
        }
        Ok(self)
    }
}

/// A Gotify server whose messages (all its applications') Lull follows with a client token, kept
/// in the Secret Service under [`GotifySubscription::secret_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct GotifySubscription {
    /// Stable and unique among the Gotify subscriptions: it names the cursor and the secret.
    pub id: String,
    /// The server's base URL (`https://gotify.example.org`).
    pub server: String,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

impl GotifySubscription {
    /// Where its client token is kept in the Secret Service.
    pub fn secret_key(&self) -> String {
        format!("source/gotify/{}", self.id)
    }

    /// How a person names its secret (`lull secret set gotify/home`).
    pub fn secret_name(&self) -> String {
        format!("gotify/{}", self.id)
    }

    /// The key its place in the stream (the last message id seen) is stored under.
    pub fn cursor_key(&self) -> String {
        format!("gotify/{}", self.id)
    }

    pub fn host(&self) -> &str {
        host_of(&self.server)
    }
}

/// Checks every Gotify subscription; the field names the one at fault (`gotify[1]`).
pub(crate) fn validate_gotify(subscriptions: Vec<GotifySubscription>) -> Result<Vec<GotifySubscription>> {
    if subscriptions.len() > MAX_GOTIFY_SUBSCRIPTIONS {
        return Err(invalid(format!("at most {MAX_GOTIFY_SUBSCRIPTIONS} Gotify servers")).in_field("gotify"));
    }
    let mut ids = std::collections::HashSet::new();
    let mut valid = Vec::with_capacity(subscriptions.len());
    for (i, mut subscription) in subscriptions.into_iter().enumerate() {
        let field = format!("gotify[{i}]");
        subscription.id = subscription.id.trim().to_owned();
        if !is_name(&subscription.id, 32) {
            return Err(
                invalid("a subscription's id is 1 to 32 letters, digits, - or _".into()).in_field(field)
            );
        }
        subscription.server = server_url(&subscription.server).map_err(|err| err.in_field(field.clone()))?;
        if !ids.insert(subscription.id.clone()) {
            return Err(
                invalid(format!("two Gotify servers are called {:?}", subscription.id)).in_field(field)
            );
        }
        valid.push(subscription);
    }
    Ok(valid)
}

/// How many mail accounts Lull may read.
pub const MAX_IMAP_ACCOUNTS: usize = 10;
/// How many folders of one account Lull may read (one connection each).
pub const MAX_IMAP_FOLDERS: usize = 8;
/// The longest certificate (chain) an account may name as its server's.
pub const MAX_CERTIFICATE_BYTES: usize = 16 * 1024;
/// How often a server without IDLE is asked for new mail, in minutes.
pub const IMAP_POLL_MINUTES: std::ops::RangeInclusive<u32> = 1..=120;

/// A mail account whose folders Lull reads, never changes: `EXAMINE` and `BODY.PEEK` only, so
/// no message's `\Seen` flag moves. The password is in the Secret Service under
/// [`ImapAccount::secret_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct ImapAccount {
    /// Stable and unique among the accounts (`"work"`): it names the folders' places (so a
    /// restart catches up from there) and the secret.
    pub id: String,
    /// The IMAP server's host name (`imap.example.org`).
    pub host: String,
    /// 993 for implicit TLS, 143 for STARTTLS, unless the server says otherwise.
    pub port: u16,
    #[serde(default)]
    pub tls: ImapTls,
    /// The login name.
    pub user: String,
    /// The folders read, `INBOX` when none are given.
    #[serde(default = "inbox")]
    pub folders: Vec<String>,
    /// How often a server without IDLE is asked, in minutes (and how long an IDLE lasts before
    /// it is renewed, at most 29 minutes as RFC 2177 asks).
    #[serde(default = "poll_minutes")]
    pub poll_minutes: u32,
    /// Where a message opens: a URL with `{message_id}` in it (a webmail's search), or `None`
    /// for `mid:<Message-ID>`, which desktop mail clients understand.
    #[serde(default)]
    pub link: Option<String>,
    /// The server's own certificate (PEM), trusted besides the system's roots: for a self-hosted
    /// server whose certificate no authority signed. A certificate is public: it is no secret.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub certificate: Option<String>,
    /// Lull notifies new mail from this account while Open. Off by default: the mail client
    /// notifies on its own, and Lull only records the mail (it still holds it in Focus).
    #[serde(default)]
    pub notify: bool,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

/// How the connection to an IMAP server is secured. There is no plain-text choice: the password
/// travels over it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ImapTls {
    /// TLS from the first byte (port 993).
    #[default]
    Implicit,
    /// A plain connection upgraded with STARTTLS before the login (port 143).
    Starttls,
}

fn inbox() -> Vec<String> {
    vec!["INBOX".to_owned()]
}

fn poll_minutes() -> u32 {
    5
}

impl ImapAccount {
    /// Where its password is kept in the Secret Service.
    pub fn secret_key(&self) -> String {
        format!("source/imap/{}", self.id)
    }

    /// How a person names its secret (`lull secret set imap/work`).
    pub fn secret_name(&self) -> String {
        format!("imap/{}", self.id)
    }

    /// The key a folder's place (its UIDVALIDITY and the last UID seen) is stored under.
    pub fn cursor_key(&self, folder: &str) -> String {
        format!("imap/{}/{folder}", self.id)
    }

    /// The link that opens the message `message_id` (without its angle brackets).
    pub fn link_for(&self, message_id: &str) -> String {
        let encoded = percent_encode(message_id);
        match &self.link {
            Some(pattern) => pattern.replace("{message_id}", &encoded),
            None => format!("mid:{encoded}"),
        }
    }

    fn validate(mut self) -> Result<Self> {
        self.id = self.id.trim().to_owned();
        if !is_name(&self.id, 32) {
            return Err(invalid("an account's id is 1 to 32 letters, digits, - or _".into()));
        }
        self.host = self.host.trim().trim_end_matches('.').to_ascii_lowercase();
        let host_ok = !self.host.is_empty()
            && self.host.len() <= 253
            && self.host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
        if !host_ok {
            return Err(invalid(format!("a host is a name or an address (got {:?})", self.host)));
        }
        if self.port == 0 {
            return Err(invalid("a port is 1 to 65535".into()));
        }
        self.user = self.user.trim().to_owned();
        if self.user.is_empty() || self.user.len() > 256 || self.user.chars().any(char::is_control) {
            return Err(invalid("a user name is 1 to 256 characters".into()));
        }
        for folder in &mut self.folders {
            *folder = folder.trim().to_owned();
            // Quoted in the commands: a quote, a backslash or a line break would end the quote.
            let bad = folder.is_empty() || folder.len() > 256 || folder.contains(['"', '\\']);
            if bad || folder.chars().any(char::is_control) {
                return Err(invalid(format!(
                    "a folder is 1 to 256 characters, without \" or \\ (got {folder:?})"
                )));
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.folders.retain(|folder| seen.insert(folder.clone()));
        if self.folders.is_empty() {
            self.folders = inbox();
        }
        if self.folders.len() > MAX_IMAP_FOLDERS {
            return Err(invalid(format!("an account reads at most {MAX_IMAP_FOLDERS} folders")));
        }
        if !IMAP_POLL_MINUTES.contains(&self.poll_minutes) {
            return Err(invalid(format!(
                "new mail is looked for every {} to {} minutes (got {})",
                IMAP_POLL_MINUTES.start(),
                IMAP_POLL_MINUTES.end(),
                self.poll_minutes
            )));
        }
        self.certificate = self.certificate.take().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        if let Some(pem) = &self.certificate
            && (!pem.starts_with("-----BEGIN CERTIFICATE-----") || pem.len() > MAX_CERTIFICATE_BYTES)
        {
            return Err(invalid(format!(
                "a certificate is PEM text (-----BEGIN CERTIFICATE-----), at most {} KiB",
                MAX_CERTIFICATE_BYTES / 1024
            )));
        }
        self.link = self.link.take().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        if let Some(link) = &self.link {
            let web = link.starts_with("https://") || link.starts_with("http://");
            if !web || !link.contains("{message_id}") || link.len() > 2048 || link.contains(' ') {
                return Err(invalid(
                    "a mail link is an http(s) URL with {message_id} in it, or empty for mid:".into(),
                ));
            }
        }
        Ok(self)
    }
}

/// Checks every mail account; the field names the one at fault (`imap[1]`).
pub(crate) fn validate_imap(accounts: Vec<ImapAccount>) -> Result<Vec<ImapAccount>> {
    if accounts.len() > MAX_IMAP_ACCOUNTS {
        return Err(invalid(format!("at most {MAX_IMAP_ACCOUNTS} mail accounts")).in_field("imap"));
    }
    let mut ids = std::collections::HashSet::new();
    let mut valid = Vec::with_capacity(accounts.len());
    for (i, account) in accounts.into_iter().enumerate() {
        let account = account.validate().map_err(|err| err.in_field(format!("imap[{i}]")))?;
        if !ids.insert(account.id.clone()) {
            return Err(invalid(format!("two mail accounts are called {:?}", account.id))
                .in_field(format!("imap[{i}]")));
        }
        valid.push(account);
    }
    Ok(valid)
}

/// `text` with everything but unreserved characters percent-encoded (RFC 3986), for a URL.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A server's base URL, trimmed and without its trailing `/`, or why it is none.
fn server_url(server: &str) -> Result<String> {
    let server = server.trim().trim_end_matches('/').to_owned();
    let scheme_ok = server.starts_with("https://") || server.starts_with("http://");
    if !scheme_ok || host_of(&server).is_empty() || server.len() > 2048 {
        return Err(invalid(format!("a server is an http:// or https:// URL (got {server:?})")));
    }
    if server.contains(['?', '#', ' ']) {
        return Err(invalid("a server URL has no query, fragment or spaces".into()));
    }
    Ok(server)
}

fn host_of(server: &str) -> &str {
    let rest = server.split_once("://").map_or(server, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The Secret Service key of a source named as a person writes it (`ntfy/home` →
/// `source/ntfy/home`), for `lull secret` and the window; anything else is refused.
pub fn secret_key(source: &str) -> Result<String> {
    let valid = source
        .split_once('/')
        .is_some_and(|(kind, id)| matches!(kind, "ntfy" | "gotify" | "imap" | "calendar") && is_name(id, 32));
    if !valid {
        return Err(Error::new(
            ErrorCode::InvalidRequest,
            format!(
                "{source:?} names no source: write ntfy/<id>, gotify/<id>, imap/<id> or calendar/<id>, as in the settings"
            ),
        ));
    }
    Ok(format!("source/{source}"))
}

/// A secret as Lull keeps it: one line of 1 to 4,096 bytes.
pub fn check_secret(secret: &str) -> Result<()> {
    if secret.is_empty() || secret.len() > 4096 || secret.contains(['\n', '\r']) {
        return Err(Error::new(ErrorCode::InvalidRequest, "a secret is one line of 1 to 4096 bytes"));
    }
    Ok(())
}

/// Checks every subscription; the field names the one at fault (`ntfy[1]`).
pub(crate) fn validate_ntfy(subscriptions: Vec<NtfySubscription>) -> Result<Vec<NtfySubscription>> {
    if subscriptions.len() > MAX_NTFY_SUBSCRIPTIONS {
        return Err(invalid(format!("at most {MAX_NTFY_SUBSCRIPTIONS} ntfy subscriptions")).in_field("ntfy"));
    }
    let mut ids = std::collections::HashSet::new();
    let mut valid = Vec::with_capacity(subscriptions.len());
    for (i, subscription) in subscriptions.into_iter().enumerate() {
        let subscription = subscription.validate().map_err(|err| err.in_field(format!("ntfy[{i}]")))?;
        if !ids.insert(subscription.id.clone()) {
            return Err(invalid(format!("two subscriptions are called {:?}", subscription.id))
                .in_field(format!("ntfy[{i}]")));
        }
        valid.push(subscription);
    }
    Ok(valid)
}

pub(crate) fn is_name(text: &str, max: usize) -> bool {
    !text.is_empty()
        && text.len() <= max
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidSettings, message)
}
