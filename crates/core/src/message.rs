//! Messages: what a source hands in ([`NewMessage`]), what the inbox keeps ([`Message`]), and
//! what the sender is told ([`Receipt`]).
//!
//! Every field of a new message is checked here, once, whatever the source: the HTTP API, the
//! ntfy and Gotify adapters, desktop capture and the CLI all end up in [`NewMessage::validate`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::block::BlockId;
use crate::error::{Error, ErrorCode, Result};

pub type MessageId = i64;

pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const MAX_TITLE_CHARS: usize = 1000;
pub const MAX_SHORT_CHARS: usize = 256;
pub const MAX_LINK_CHARS: usize = 4096;
pub const MAX_TAGS: usize = 32;
/// How many buttons a message may offer (ntfy's own limit).
pub const MAX_ACTIONS: usize = 3;
pub const DEFAULT_PRIORITY: u8 = 3;

/// Where a message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Source {
    Api,
    Ntfy,
    Gotify,
    Desktop,
    Cli,
    Imap,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Ntfy => "ntfy",
            Self::Gotify => "gotify",
            Self::Desktop => "desktop",
            Self::Cli => "cli",
            Self::Imap => "imap",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Api, Self::Ntfy, Self::Gotify, Self::Desktop, Self::Cli, Self::Imap]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Where a message is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MessageState {
    /// Kept back until the next Open (or batch).
    Held,
    /// Shown when it arrived (at once, or by breaking through).
    Delivered,
    /// Shown in a digest after being held.
    Released,
    /// Out of sight until `snoozed_until`.
    Snoozed,
    Done,
}

impl MessageState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Delivered => "delivered",
            Self::Released => "released",
            Self::Snoozed => "snoozed",
            Self::Done => "done",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [Self::Held, Self::Delivered, Self::Released, Self::Snoozed, Self::Done]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// What the policy decided when a message arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Decision {
    Held,
    Delivered,
    BrokeThrough,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Delivered => "delivered",
            Self::BrokeThrough => "broke_through",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [Self::Held, Self::Delivered, Self::BrokeThrough].into_iter().find(|v| v.as_str() == s)
    }
}

/// A message as a source hands it in: also the request of `publish` (`POST /v1/messages`,
/// `lull send`), which leaves out what is not given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The topic, app name or account within the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// 1 (min) to 5 (max), ntfy's scale; 3 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Messages with the same thread key are grouped together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// The same (source, dedupe key) twice is one message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedupe_key: Option<String>,
    /// With a dedupe key that is already stored: update that message's title, body, link,
    /// priority and tags in place instead of ignoring the second one (a desktop notification
    /// that replaces an earlier one). Its state does not change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
    /// The publish token that sent it: set by the API from the request's credential, never
    /// read from a publisher's JSON.
    #[serde(skip)]
    #[ts(skip)]
    pub via: Option<String>,
    /// Buttons beside the link (an ntfy message's `view` actions): http, https and mailto only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<MessageAction>>")]
    pub actions: Vec<MessageAction>,
    /// The desktop entry (`org.gnome.Evolution`) of the app whose notification this is, which
    /// *Open in ‹app›* launches: set by the desktop source, never read from a publisher's JSON.
    #[serde(skip)]
    #[ts(skip)]
    pub app: Option<String>,
    /// The notification's icon: a theme icon name or an image's path. Set by the desktop source.
    #[serde(skip)]
    #[ts(skip)]
    pub icon: Option<String>,
}

/// A button a message offers: a label and the link it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MessageAction {
    pub label: String,
    pub url: String,
}

/// Which schemes a link may have to be opened: every link Lull opens is a sender's text, so
/// the web and mail only, never `file:` or a custom scheme that could start anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// A button's link: http, https and mailto.
    Web,
    /// A message's own link: those, and `mid:` (a mail's Message-ID, which mail clients open).
    WebAndMail,
}

impl Links {
    fn schemes(self) -> &'static [&'static str] {
        match self {
            Self::Web => &["https://", "http://", "mailto:"],
            Self::WebAndMail => &["https://", "http://", "mailto:", "mid:"],
        }
    }

    /// The schemes as a sentence names them, for the error that refuses a link.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Web => "http, https and mailto",
            Self::WebAndMail => "http, https, mailto and mid",
        }
    }
}

/// Whether `url` is a link Lull opens: one of `links`' schemes (in any case), at most
/// [`MAX_LINK_CHARS`] long, and no control characters (a newline could split a command line).
pub fn is_openable(url: &str, links: Links) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    links.schemes().iter().any(|scheme| lower.starts_with(scheme))
        && url.chars().count() <= MAX_LINK_CHARS
        && !url.chars().any(char::is_control)
}

/// A desktop entry's id as a notification names it (`org.gnome.Evolution`, with or without
/// `.desktop`), or `None` for anything that is not one.
pub fn desktop_id(name: &str) -> Option<String> {
    let id = name.trim().trim_end_matches(".desktop");
    let valid = !id.is_empty()
        && id.len() <= 255
        && !id.starts_with(['.', '-'])
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    valid.then(|| id.to_owned())
}

/// Gotify's priority (0–10) on Lull's scale (1–5), as Gotify's own clients group them: 0 is the
/// lowest, 1–3 low, 4–7 normal, 8–9 high, 10 the highest; `None` for anything off the scale.
pub fn gotify_priority(priority: i64) -> Option<u8> {
    match priority {
        0 => Some(1),
        1..=3 => Some(2),
        4..=7 => Some(3),
        8..=9 => Some(4),
        10 => Some(5),
        _ => None,
    }
}

impl NewMessage {
    pub fn new(source: Source, body: impl Into<String>) -> Self {
        Self { source: Some(source), body: body.into(), ..Self::default() }
    }

    /// Checks every field and normalises blanks to `None`. A message needs a title or a body.
    pub fn validate(mut self) -> Result<Self> {
        if self.source.is_none() {
            self.source = Some(Source::Api);
        }
        self.source_detail = short("source_detail", self.source_detail, MAX_SHORT_CHARS)?;
        self.sender = short("sender", self.sender, MAX_SHORT_CHARS)?;
        self.title = short("title", self.title, MAX_TITLE_CHARS)?;
        self.thread = short("thread", self.thread, MAX_SHORT_CHARS)?;
        self.dedupe_key = short("dedupe_key", self.dedupe_key, MAX_SHORT_CHARS)?;
        self.link = short("link", self.link, MAX_LINK_CHARS)?;
        if self.body.len() > MAX_BODY_BYTES {
            return Err(Error::new(
                ErrorCode::MessageTooLarge,
                format!("the body is {} bytes; at most {MAX_BODY_BYTES} are kept", self.body.len()),
            ));
        }
        if self.body.trim().is_empty() && self.title.is_none() {
            return Err(Error::new(ErrorCode::InvalidMessage, "a message needs a title or a body"));
        }
        match self.priority {
            None => self.priority = Some(DEFAULT_PRIORITY),
            Some(1..=5) => {}
            Some(p) => {
                return Err(Error::new(ErrorCode::InvalidPriority, format!("priority is 1 to 5 (got {p})")));
            }
        }
        if self.tags.len() > MAX_TAGS {
            return Err(Error::new(ErrorCode::InvalidMessage, format!("at most {MAX_TAGS} tags")));
        }
        let mut tags = Vec::with_capacity(self.tags.len());
        for tag in self.tags {
            if let Some(tag) = short("tag", Some(tag), MAX_SHORT_CHARS)?
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        self.tags = tags;
        if self.actions.len() > MAX_ACTIONS {
            return Err(Error::new(ErrorCode::InvalidMessage, format!("at most {MAX_ACTIONS} actions")));
        }
        for action in &mut self.actions {
            action.label = short("an action's label", Some(action.label.clone()), 64)?
                .ok_or_else(|| Error::new(ErrorCode::InvalidMessage, "an action needs a label"))?;
            action.url = action.url.trim().to_owned();
            if !is_openable(&action.url, Links::Web) {
                return Err(Error::new(
                    ErrorCode::InvalidMessage,
                    "an action opens an http, https or mailto link",
                ));
            }
        }
        // Both come from other apps' notifications: one that is not what it should be is left out
        // rather than costing the message.
        self.app = self.app.as_deref().and_then(desktop_id);
        self.icon = self.icon.take().map(|i| i.trim().to_owned()).filter(|icon| {
            !icon.is_empty() && icon.chars().count() <= 1024 && !icon.chars().any(char::is_control)
        });
        Ok(self)
    }

    pub fn source(&self) -> Source {
        self.source.unwrap_or(Source::Api)
    }

    pub fn priority(&self) -> u8 {
        self.priority.unwrap_or(DEFAULT_PRIORITY)
    }
}

fn short(field: &str, value: Option<String>, max: usize) -> Result<Option<String>> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::new(
            ErrorCode::InvalidMessage,
            format!("{field} is at most {max} characters (got {chars})"),
        ));
    }
    Ok(Some(value))
}

/// A message in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Message {
    pub id: MessageId,
    pub source: Source,
    pub source_detail: Option<String>,
    pub sender: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub link: Option<String>,
    pub priority: u8,
    pub tags: Vec<String>,
    pub thread: Option<String>,
    pub dedupe_key: Option<String>,
    pub received_at: DateTime<Utc>,
    pub state: MessageState,
    pub decision: Decision,
    /// The focus block it arrived in, if any.
    pub block_id: Option<BlockId>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub released_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub pinned: bool,
    pub pin_due: Option<DateTime<Utc>>,
    pub digest_id: Option<i64>,
    /// The publish token that sent it, by name ("CI"); `None` for the control token and the
    /// other sources.
    #[serde(default)]
    pub via: Option<String>,
    /// The desktop entry of the app whose notification this is: *Open in ‹app›* launches it.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub app: Option<String>,
    /// The notification's icon, as it came: a theme icon name or an image's path.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub icon: Option<String>,
    /// Buttons beside the link: http, https and mailto only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<MessageAction>>")]
    pub actions: Vec<MessageAction>,
}

/// A message's pin as it was before a pin or an unpin changed it: what undoing that puts back
/// (pin again with `pin_due`, or unpin). The core reads it in the command's own transaction, so
/// it is the state the command replaced, not what a window last saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PinState {
    pub id: MessageId,
    pub pinned: bool,
    pub pin_due: Option<DateTime<Utc>>,
}

/// What a sender is told about its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Receipt {
    pub id: MessageId,
    pub decision: Decision,
    /// For a held message: when it will be seen (the end of the block, the next work window or
    /// the next batch), if known.
    pub release_at: Option<DateTime<Utc>>,
    /// True when this (source, dedupe key) was already stored: nothing changed.
    pub duplicate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_opened_and_mid_only_as_a_message_link() {
        for links in [Links::Web, Links::WebAndMail] {
            assert!(is_openable("https://ci.example.com/build/42", links));
            assert!(is_openable("HTTP://example.com", links), "the scheme's case does not matter");
            assert!(is_openable("mailto:alice@example.com", links));
            for bad in
                ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x", "https", ""]
            {
                assert!(!is_openable(bad, links), "{bad} must be refused");
            }
            assert!(!is_openable("https://example.com/\nx", links), "control characters are refused");
            let long = format!("https://example.com/{}", "a".repeat(MAX_LINK_CHARS));
            assert!(!is_openable(&long, links), "a link longer than {MAX_LINK_CHARS} is refused");
        }
        assert!(is_openable("mid:1234@example.com", Links::WebAndMail));
        assert!(!is_openable("mid:1234@example.com", Links::Web), "a button never opens a mail");
    }
}
