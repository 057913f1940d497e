//! A Gotify server's messages, all its applications', as a [`crate::Source`].
//!
//! Gotify pushes each new message to a client over its `/stream` WebSocket, with the client token
//! in `X-Gotify-Key`, and keeps every message until it is deleted, with increasing ids. So, as
//! for ntfy, **a stream is resumed, never restarted**: the highest id stored is the cursor, and
//! each connection first opens the stream (so nothing slips between the two), then pages back
//! through `GET /message` from the newest until it reaches the cursor, hands what is newer to the
//! engine oldest first, and then follows the stream. A subscription that never connected starts
//! from the newest message: a server's history is not poured into the inbox. The dedupe key is
//! `<subscription>/<id>`, so a message seen on both paths is stored once.
//!
//! The application's name is the message's source detail (and so its group); priorities 0–10 are
//! mapped as publishing to Lull's Gotify endpoint maps them; `extras`'
//! `client::notification.click.url` is its link. Retries, statuses and secrets are shared with
//! the other remote sources (`remote.rs`).

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use lull_core::message::gotify_priority;
use lull_core::subscriptions::GotifySubscription;
use lull_core::{Engine, NewMessage, Settings, Source};
use serde::Deserialize;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{self, Message as Frame};

use crate::http::{self, HttpError, Url};
use crate::remote::{self, Ended, Progress, Shared};

/// How long the stream may stay silent before it is taken for dead: Gotify pings every 45 s.
pub const SILENCE: Duration = Duration::from_secs(100);
/// Messages asked for per page when catching up.
const PAGE: usize = 100;
/// The most pages one catch-up reads (10,000 messages); older ones are left on the server.
const MAX_PAGES: usize = 100;
/// The largest page or application list read.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// Gotify servers' streams.
pub type Gotify = remote::Remote<GotifySubscription>;

/// One message as Gotify's API and stream send it; fields Lull does not use are ignored.
#[derive(Debug, Deserialize)]
pub struct GotifyMessage {
    pub id: u64,
    #[serde(default)]
    pub appid: u64,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub priority: Option<i64>,
    #[serde(default)]
    pub extras: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Page {
    #[serde(default)]
    messages: Vec<GotifyMessage>,
}

#[derive(Debug, Deserialize)]
struct Application {
    id: u64,
    #[serde(default)]
    name: String,
}

impl remote::Subscription for GotifySubscription {
    const KIND: &'static str = "gotify";

    fn id(&self) -> &str {
        &self.id
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn of(settings: &Settings) -> Vec<Self> {
        settings.gotify.clone()
    }

    fn credential(&self) -> Option<String> {
        Some(self.secret_key())
    }

    async fn stream(&self, engine: &Engine, shared: &Shared, progress: &mut Progress) -> Ended {
        let token = match shared.secret(&self.secret_key()).await {
            Ok(token) => token,
            Err(detail) => return Ended::NoCredential(detail),
        };
        let header = vec![("x-gotify-key", token.expose().to_owned())];
        let cursor = match engine.source_cursor(self.cursor_key()).await {
            Ok(cursor) => cursor.and_then(|c| c.parse::<u64>().ok()),
            Err(_) => return Ended::EngineStopped,
        };
        // A subscription that never connected starts from the newest message, read before the
        // stream opens: whatever comes after it is then on the stream or in the catch-up below.
        let mut last = match cursor {
            Some(last) => last,
            None => match newest(self, &header).await {
                Ok(newest) => {
                    let saved = remote::save_cursor(engine, "gotify", self.cursor_key(), newest.to_string());
                    if let Some(ended) = saved.await {
                        return ended;
                    }
                    newest
                }
                Err(ended) => return ended,
            },
        };
        // The stream before the catch-up, so that nothing sent meanwhile slips between the two.
        let mut socket = match open_stream(self, token.expose()).await {
            Ok(socket) => socket,
            Err(ended) => return ended,
        };
        let apps = match applications(self, &header).await {
            Ok(apps) => apps,
            Err(ended) => return ended,
        };
        progress.opened();
        let missed = match newer_than(self, &header, last).await {
            Ok(missed) => missed,
            Err(ended) => return ended,
        };
        for message in missed {
            if let Some(ended) = keep(self, engine, &apps, message, &mut last).await {
                return ended;
            }
        }
        loop {
            let frame = match tokio::time::timeout(SILENCE, socket.next()).await {
                Err(_) => return Ended::Down(HttpError::Silent(SILENCE).to_string()),
                Ok(None) => return Ended::Closed,
                Ok(Some(Err(err))) => return Ended::Down(format!("the stream broke: {err}")),
                Ok(Some(Ok(frame))) => frame,
            };
            let text = match frame {
                Frame::Text(text) => text,
                Frame::Close(_) => return Ended::Closed,
                // Pings are answered by the socket itself; binary frames are not Gotify's.
                _ => continue,
            };
            let message: GotifyMessage = match serde_json::from_str(text.as_str()) {
                Ok(message) => message,
                Err(err) => {
                    tracing::warn!(
                        "gotify {}: a frame that is not a Gotify message was skipped: {err}",
                        self.id
                    );
                    continue;
                }
            };
            // An application made after the list was read: read it again for its name.
            let apps = if apps.contains_key(&message.appid) {
                apps.clone()
            } else {
                applications(self, &header).await.unwrap_or_else(|_| apps.clone())
            };
            if let Some(ended) = keep(self, engine, &apps, message, &mut last).await {
                return ended;
            }
        }
    }
}

/// Hands `message` to the engine unless it is at or before the cursor, then moves the cursor.
async fn keep(
    subscription: &GotifySubscription,
    engine: &Engine,
    apps: &HashMap<u64, String>,
    message: GotifyMessage,
    last: &mut u64,
) -> Option<Ended> {
    let id = message.id;
    if id <= *last {
        return None;
    }
    let app = apps.get(&message.appid).cloned();
    if let Some(ended) = remote::receive(engine, "gotify", to_message(subscription, app, message)).await {
        return Some(ended);
    }
    *last = id;
    remote::save_cursor(engine, "gotify", subscription.cursor_key(), id.to_string()).await
}

type Socket = tokio_tungstenite::WebSocketStream<http::Transport>;

/// The `/stream` WebSocket, over the same TCP or TLS transport as every other request.
async fn open_stream(subscription: &GotifySubscription, token: &str) -> Result<Socket, Ended> {
    let base = Url::parse(&subscription.server).map_err(|err| Ended::Refused(err.to_string()))?;
    let path = format!("{}/stream", base.path.trim_end_matches('/'));
    let url = Url { path, ..base };
    let transport = http::connect(&url).await.map_err(|err| Ended::Down(err.to_string()))?;
    let scheme = if url.tls { "wss" } else { "ws" };
    let address = format!("{scheme}://{}:{}{}", url.host, url.port, url.path);
    let mut request = address.into_client_request().map_err(|err| Ended::Refused(err.to_string()))?;
    let key = HeaderValue::from_str(token)
        .map_err(|_| Ended::Refused("the client token is not a header value".into()))?;
    request.headers_mut().insert("x-gotify-key", key);
    let handshake = tokio_tungstenite::client_async(request, transport);
    match tokio::time::timeout(http::CONNECT_WAIT, handshake).await {
        Err(_) => {
            Err(Ended::Down(format!("no answer from {} within {} s", url.host, http::CONNECT_WAIT.as_secs())))
        }
        Ok(Ok((socket, _))) => Ok(socket),
        Ok(Err(tungstenite::Error::Http(response))) => {
            let code = response.status();
            Err(if code == 401 || code == 403 {
                Ended::Refused(format!("{} refused the client token ({code})", subscription.host()))
            } else if code == 404 {
                Ended::Refused(format!(
                    "{} has no Gotify stream ({code}): is it a Gotify server?",
                    subscription.host()
                ))
            } else {
                Ended::Down(HttpError::Status(code).to_string())
            })
        }
        Ok(Err(err)) => Err(Ended::Down(format!("cannot open the stream: {err}"))),
    }
}

/// GET `path` on the subscription's server as JSON.
async fn get_json<T: for<'d> Deserialize<'d>>(
    subscription: &GotifySubscription,
    header: &[(&str, String)],
    path: &str,
) -> Result<T, Ended> {
    let url = Url::parse(&format!("{}{path}", subscription.server))
        .map_err(|err| Ended::Refused(err.to_string()))?;
    match http::get_body(&url, header, MAX_BODY).await {
        Ok(body) => serde_json::from_slice(&body)
            .map_err(|err| Ended::Down(format!("{path} did not answer Gotify's JSON: {err}"))),
        Err(HttpError::Status(code)) if code == 401 || code == 403 => {
            Err(Ended::Refused(format!("{} refused the client token ({code})", subscription.host())))
        }
        Err(err) => Err(Ended::Down(err.to_string())),
    }
}

/// Application names by id.
async fn applications(
    subscription: &GotifySubscription,
    header: &[(&str, String)],
) -> Result<HashMap<u64, String>, Ended> {
    let apps: Vec<Application> = get_json(subscription, header, "/application").await?;
    Ok(apps.into_iter().map(|a| (a.id, a.name)).collect())
}

/// The newest message's id (0 on an empty server).
async fn newest(subscription: &GotifySubscription, header: &[(&str, String)]) -> Result<u64, Ended> {
    let page: Page = get_json(subscription, header, "/message?limit=1").await?;
    Ok(page.messages.first().map_or(0, |m| m.id))
}

/// The messages after `last`, oldest first: pages from the newest back (Gotify's `since` asks for
/// ids below it) until one reaches `last`.
async fn newer_than(
    subscription: &GotifySubscription,
    header: &[(&str, String)],
    last: u64,
) -> Result<Vec<GotifyMessage>, Ended> {
    let mut newer = Vec::new();
    let mut before: Option<u64> = None;
    for _ in 0..MAX_PAGES {
        let path = match before {
            None => format!("/message?limit={PAGE}"),
            Some(since) => format!("/message?limit={PAGE}&since={since}"),
        };
        let page: Page = get_json(subscription, header, &path).await?;
        let oldest = page.messages.iter().map(|m| m.id).min();
        let reached = page.messages.len() < PAGE || oldest.is_none_or(|id| id <= last + 1);
        newer.extend(page.messages.into_iter().filter(|m| m.id > last));
        if reached {
            break;
        }
        before = oldest;
    }
    newer.sort_by_key(|m| m.id);
    newer.dedup_by_key(|m| m.id);
    Ok(newer)
}

/// The message Lull stores for a Gotify message: the application's name as source detail.
pub fn to_message(
    subscription: &GotifySubscription,
    app: Option<String>,
    message: GotifyMessage,
) -> NewMessage {
    let link = message
        .extras
        .as_ref()
        .and_then(|extras| extras.pointer("/client::notification/click/url"))
        .and_then(serde_json::Value::as_str)
        .filter(|url| {
            let lower = url.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
        })
        .map(str::to_owned);
    NewMessage {
        source: Some(Source::Gotify),
        source_detail: Some(
            app.filter(|a| !a.trim().is_empty()).unwrap_or_else(|| format!("app {}", message.appid)),
        ),
        title: message.title.filter(|t| !t.trim().is_empty()),
        body: message.message,
        link,
        priority: message.priority.and_then(gotify_priority),
        dedupe_key: Some(format!("{}/{}", subscription.id, message.id)),
        ..NewMessage::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subscription() -> GotifySubscription {
        GotifySubscription { id: "home".into(), server: "https://gotify.example.org".into(), enabled: true }
    }

    #[test]
    fn a_gotify_message_keeps_its_app_priority_and_click_url() {
        let json = r#"{"id":42,"appid":3,"message":"Backup done","title":"Backup","priority":8,
            "date":"2026-11-25T10:00:00Z",
            "extras":{"client::notification":{"click":{"url":"https://nas.local/backups"}}}}"#;
        let message: GotifyMessage = serde_json::from_str(json).expect("Gotify's JSON");
        let m = to_message(&subscription(), Some("NAS".into()), message);
        assert_eq!((m.source, m.source_detail.as_deref()), (Some(Source::Gotify), Some("NAS")));
        assert_eq!(
            (m.title.as_deref(), m.body.as_str(), m.priority),
            (Some("Backup"), "Backup done", Some(4))
        );
        assert_eq!(m.link.as_deref(), Some("https://nas.local/backups"));
        assert_eq!(
            m.dedupe_key.as_deref(),
            Some("home/42"),
            "ids are per server: the subscription scopes them"
        );
    }

    #[test]
    fn an_unknown_app_is_named_by_its_id_and_an_odd_link_or_priority_is_dropped() {
        let json = r#"{"id":1,"appid":9,"message":"m","priority":99,
            "extras":{"client::notification":{"click":{"url":"javascript:alert(1)"}}}}"#;
        let m = to_message(&subscription(), None, serde_json::from_str(json).expect("JSON"));
        assert_eq!(m.source_detail.as_deref(), Some("app 9"));
        assert_eq!((m.link, m.priority), (None, None));
    }
}
