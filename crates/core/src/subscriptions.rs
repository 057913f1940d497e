//! What Lull subscribes to on other servers: topics on ntfy servers and Gotify servers' streams
//! (mail accounts next). Each subscription is part of the settings, validated with them; its password
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
    let valid =
        source.split_once('/').is_some_and(|(kind, id)| matches!(kind, "ntfy" | "gotify") && is_name(id, 32));
    if !valid {
        return Err(Error::new(
            ErrorCode::InvalidRequest,
            format!("{source:?} names no source: write ntfy/<id> or gotify/<id>, as in the settings"),
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

fn is_name(text: &str, max: usize) -> bool {
    !text.is_empty()
        && text.len() <= max
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidSettings, message)
}
