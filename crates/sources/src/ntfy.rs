//! Topics on ntfy servers (`https://ntfy.sh` or self-hosted), as a [`crate::Source`].
//!
//! Each subscription in the settings is one streaming connection to `<server>/<topics>/json`,
//! its messages handed to the engine like any other (dedupe, rules, hold, digest). The one
//! decision a newcomer must know: **a stream is resumed, never restarted**. Every message's ntfy
//! id is saved as the subscription's cursor once the engine has stored it, and every (re)connect
//! asks for `since=<that id>`, so what was sent while Lull was down, asleep or offline arrives
//! once; the ntfy id is also the message's dedupe key, so a message the server sends twice (a
//! crash between storing and saving the cursor) is stored once.
//!
//! Retries, statuses and secrets are shared with the other remote sources (`remote.rs`). ntfy
//! sends a keepalive every 45 s by default; a stream silent for longer than [`SILENCE`] is taken
//! for dead (a router dropped it) and reconnected.

use std::time::Duration;

use base64::Engine as _;
use lull_core::message::{Links, is_openable};
use lull_core::subscriptions::{NtfyAuth, NtfySubscription};
use lull_core::{Engine, NewMessage, Settings, Source};
use lull_secrets::Secret;
use serde::Deserialize;

use crate::http::{self, HttpError, Lines, Url};
use crate::remote::{self, Ended, Progress, Shared};

/// How long a stream may stay silent (no message, no keepalive) before it is taken for dead:
/// twice ntfy's default keepalive interval (45 s), and a little.
pub const SILENCE: Duration = Duration::from_secs(100);
/// Lines in a row that are not ntfy's JSON before the stream is dropped as not ntfy.
const GARBAGE_LIMIT: u32 = 20;

/// Remote ntfy topics.
pub type Ntfy = remote::Remote<NtfySubscription>;

impl remote::Subscription for NtfySubscription {
    const KIND: &'static str = "ntfy";

    fn id(&self) -> &str {
        &self.id
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn of(settings: &Settings) -> Vec<Self> {
        settings.ntfy.clone()
    }

    fn credential(&self) -> Option<String> {
        (self.auth != NtfyAuth::None).then(|| self.secret_key())
    }

    async fn stream(&self, engine: &Engine, shared: &Shared, progress: &mut Progress) -> Ended {
        let cursor = match engine.source_cursor(self.cursor_key()).await {
            Ok(cursor) => cursor,
            Err(_) => return Ended::EngineStopped,
        };
        let url = match Url::parse(&stream_url(self, cursor.as_deref())) {
            Ok(url) => url,
            Err(err) => return Ended::Refused(err.to_string()),
        };
        let credential = match credential(shared, self).await {
            Ok(credential) => credential,
            Err(detail) => return Ended::NoCredential(detail),
        };
        let headers: Vec<(&str, String)> =
            credential.into_iter().map(|value| ("authorization", value)).collect();
        let response = match http::get(&url, &headers).await {
            Ok(response) => response,
            Err(err) => return Ended::Down(err.to_string()),
        };
        let code = response.0.status();
        if code == 401 || code == 403 {
            return Ended::Refused(format!("{} refused the credential ({code})", self.host()));
        }
        if code == 404 || code == 400 {
            return Ended::Refused(format!(
                "{} has no such ntfy stream ({code}): is it an ntfy server?",
                self.host()
            ));
        }
        if !code.is_success() {
            return Ended::Down(HttpError::Status(code).to_string());
        }
        let mut lines = Lines::new(response, SILENCE);
        let mut garbage = 0;
        loop {
            let line = match lines.next().await {
                Ok(Some(line)) => line,
                Ok(None) => return Ended::Closed,
                Err(err) => return Ended::Down(err.to_string()),
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let event: Event = match serde_json::from_slice(&line) {
                Ok(event) => event,
                Err(err) => {
                    garbage += 1;
                    tracing::warn!("ntfy {}: a line that is not ntfy's JSON was skipped: {err}", self.id);
                    if garbage >= GARBAGE_LIMIT {
                        return Ended::Down(format!("{GARBAGE_LIMIT} lines in a row were not ntfy's JSON"));
                    }
                    continue;
                }
            };
            garbage = 0;
            match event.event.as_str() {
                "open" => {
                    progress.opened();
                    // A subscription with no message yet starts its cursor at the server's time
                    // of opening, so what is sent during a later outage is caught up too.
                    if cursor.is_none() && event.time > 0 {
                        let at = event.time.to_string();
                        if let Some(ended) = remote::save_cursor(engine, "ntfy", self.cursor_key(), at).await
                        {
                            return ended;
                        }
                    }
                }
                "message" => {
                    let id = event.id.clone();
                    if let Some(ended) = remote::receive(engine, "ntfy", message(self, event)).await {
                        return ended;
                    }
                    if let Some(ended) = remote::save_cursor(engine, "ntfy", self.cursor_key(), id).await {
                        return ended;
                    }
                }
                // keepalive, poll_request, message_delete, message_clear: nothing to keep.
                _ => {}
            }
        }
    }
}

/// The `Authorization` header's value for `subscription`, from the Secret Service.
async fn credential(shared: &Shared, subscription: &NtfySubscription) -> Result<Option<String>, String> {
    Ok(match &subscription.auth {
        NtfyAuth::None => None,
        NtfyAuth::Token => {
            Some(format!("Bearer {}", shared.secret(&subscription.secret_key()).await?.expose()))
        }
        NtfyAuth::Basic { user } => Some(basic(user, &shared.secret(&subscription.secret_key()).await?)),
    })
}

pub(crate) fn basic(user: &str, password: &Secret) -> String {
    let pair = format!("{user}:{}", password.expose());
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

/// `<server>/<topic,topic>/json`, from `since` when there is a cursor: the last message's id, or
/// (before the first message) the Unix time the first stream opened. Without one (a subscription
/// never connected) only what is sent from now on: the server's cache of older messages is not
/// poured into the inbox.
pub fn stream_url(subscription: &NtfySubscription, since: Option<&str>) -> String {
    let topics = subscription.topics.join(",");
    let base = format!("{}/{topics}/json", subscription.server);
    match since {
        // ntfy's ids are [A-Za-z0-9]{12} and times are digits; anything else is not sent.
        Some(id) if id.bytes().all(|b| b.is_ascii_alphanumeric()) => format!("{base}?since={id}"),
        _ => base,
    }
}

/// One line of ntfy's JSON stream. Fields Lull does not use are ignored.
#[derive(Debug, Deserialize)]
pub struct Event {
    #[serde(default)]
    pub id: String,
    /// Unix seconds, the server's clock.
    #[serde(default)]
    pub time: i64,
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub priority: Option<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub click: Option<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub attachment: Option<Attachment>,
}

/// An action button of an ntfy message; only `view` actions carry a link Lull can offer.
#[derive(Debug, Deserialize)]
pub struct Action {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Attachment {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// The message Lull stores for one ntfy message: the topic as its source detail (and so its
/// group), the ntfy id as its dedupe key, `click` (or the first `view` action) as its link, the
/// `view` actions as its buttons (`http` actions would make Lull send requests: left out).
pub fn message(subscription: &NtfySubscription, event: Event) -> NewMessage {
    let link = event
        .click
        .filter(|url| openable(url))
        .or_else(|| {
            event
                .actions
                .iter()
                .filter(|a| a.action == "view")
                .filter_map(|a| a.url.clone())
                .find(|u| openable(u))
        })
        .or_else(|| event.attachment.as_ref().and_then(|a| a.url.clone()).filter(|url| openable(url)));
    let mut body = event.message.unwrap_or_default();
    if body.is_empty()
        && let Some(attachment) = &event.attachment
    {
        body = format!("Attachment: {}", attachment.name);
    }
    let actions = event
        .actions
        .iter()
        .filter(|a| a.action == "view" && !a.label.trim().is_empty())
        .filter_map(|a| {
            let url = a.url.clone().filter(|u| openable(u))?;
            Some(lull_core::MessageAction { label: a.label.chars().take(64).collect(), url })
        })
        .take(lull_core::message::MAX_ACTIONS)
        .collect();
    NewMessage {
        source: Some(Source::Ntfy),
        source_detail: Some(event.topic).filter(|t| !t.is_empty()),
        sender: Some(subscription.host().to_owned()).filter(|_| subscription.host() != "ntfy.sh"),
        title: event.title.filter(|t| !t.trim().is_empty()),
        body,
        link,
        // ntfy's scale is Lull's; anything else (a server of another kind) is the default.
        priority: event.priority.filter(|p| (1..=5).contains(p)),
        tags: event.tags,
        dedupe_key: Some(event.id).filter(|id| !id.is_empty()),
        actions,
        ..NewMessage::default()
    }
}

/// Links Lull offers to open: the web and mail, nothing that would run something.
fn openable(url: &str) -> bool {
    is_openable(url, Links::Web)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subscription(server: &str) -> NtfySubscription {
        NtfySubscription {
            id: "home".into(),
            server: server.into(),
            topics: vec!["alerts".into(), "ci".into()],
            auth: NtfyAuth::None,
            enabled: true,
        }
    }

    fn event(json: &str) -> Event {
        serde_json::from_str(json).expect("ntfy's JSON")
    }

    #[test]
    fn a_stream_resumes_from_its_cursor_and_a_new_one_starts_from_now() {
        let s = subscription("https://ntfy.sh");
        assert_eq!(stream_url(&s, None), "https://ntfy.sh/alerts,ci/json");
        assert_eq!(stream_url(&s, Some("sPs71M8A2T1y")), "https://ntfy.sh/alerts,ci/json?since=sPs71M8A2T1y");
        assert_eq!(
            stream_url(&s, Some("x&poll=1")),
            "https://ntfy.sh/alerts,ci/json",
            "a cursor is never a query"
        );
    }

    #[test]
    fn an_ntfy_message_keeps_its_topic_id_priority_tags_and_link() {
        let m = message(
            &subscription("https://ntfy.example.org"),
            event(
                r#"{"id":"sPs71M8A2T1y","time":1700000000,"event":"message","topic":"alerts",
                    "title":"Disk full","message":"/var is at 98%","priority":5,"tags":["warning"],
                    "click":"https://grafana.example.org/d/1"}"#,
            ),
        );
        assert_eq!(m.source, Some(Source::Ntfy));
        assert_eq!(m.source_detail.as_deref(), Some("alerts"));
        assert_eq!(m.sender.as_deref(), Some("ntfy.example.org"), "a self-hosted server names the sender");
        assert_eq!((m.title.as_deref(), m.body.as_str()), (Some("Disk full"), "/var is at 98%"));
        assert_eq!((m.priority, m.tags.as_slice()), (Some(5), &["warning".to_owned()][..]));
        assert_eq!(m.link.as_deref(), Some("https://grafana.example.org/d/1"));
        assert_eq!(m.dedupe_key.as_deref(), Some("sPs71M8A2T1y"));
    }

    #[test]
    fn only_web_and_mail_links_are_kept_and_a_view_action_stands_in_for_click() {
        let s = subscription("https://ntfy.sh");
        let m = message(
            &s,
            event(
                r#"{"id":"a","event":"message","topic":"t","message":"m","click":"file:///etc/passwd",
                    "actions":[{"action":"http","label":"Close","url":"https://x/close"},
                               {"action":"view","label":"Open","url":"javascript:alert(1)"},
                               {"action":"view","label":"PR","url":"https://github.com/o/r/pull/1"}]}"#,
            ),
        );
        assert_eq!(m.link.as_deref(), Some("https://github.com/o/r/pull/1"));
        let buttons: Vec<_> = m.actions.iter().map(|a| (a.label.as_str(), a.url.as_str())).collect();
        assert_eq!(buttons, [("PR", "https://github.com/o/r/pull/1")], "view actions to the web only");
        assert_eq!(m.sender, None, "ntfy.sh itself names no one");
        let m = message(&s, event(r#"{"id":"b","event":"message","topic":"t","priority":9}"#));
        assert_eq!(m.priority, None, "a priority off ntfy's scale is the default");
        let m = message(
            &s,
            event(
                r#"{"id":"c","event":"message","topic":"t","attachment":{"name":"log.txt","url":"https://ntfy.sh/file/c.txt"}}"#,
            ),
        );
        assert_eq!(
            (m.body.as_str(), m.link.as_deref()),
            ("Attachment: log.txt", Some("https://ntfy.sh/file/c.txt"))
        );
    }

    #[test]
    fn basic_credentials_are_encoded_as_http_wants_them() {
        assert_eq!(basic("phil", &Secret::new("mypass")), "Basic cGhpbDpteXBhc3M=");
    }
}
