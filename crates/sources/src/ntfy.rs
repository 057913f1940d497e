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
//! A connection that fails is retried with a growing pause (1 s doubling to 60 s); a server that
//! refuses the credential (401, 403) is not hammered: it is tried again after five minutes, or at
//! once when the settings change. The credential is read from the keyring for each connection
//! (every 30 s while none is stored), so one stored or replaced is used at the next try. ntfy sends a keepalive every 45 s by default; a stream silent
//! for longer than [`SILENCE`] is taken for dead (a router dropped it) and reconnected. The status
//! says which subscription cannot reach its server, why, and since when.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use lull_core::clock::Clock;
use lull_core::subscriptions::{NtfyAuth, NtfySubscription};
use lull_core::{Change, Engine, ErrorCode, NewMessage, Settings, Source};
use lull_secrets::{Secret, Secrets};
use serde::Deserialize;
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

use crate::http::{self, HttpError, Lines, Url};
use crate::{SourceState, SourceStatus};

/// How long a stream may stay silent (no message, no keepalive) before it is taken for dead:
/// twice ntfy's default keepalive interval (45 s), and a little.
pub const SILENCE: Duration = Duration::from_secs(100);
const FIRST_RETRY: Duration = Duration::from_secs(1);
const LAST_RETRY: Duration = Duration::from_secs(60);
/// How long after a refused credential the server is asked again.
const REFUSED_RETRY: Duration = Duration::from_secs(300);
/// How soon a subscription without a stored credential looks for one again.
const CREDENTIAL_RETRY: Duration = Duration::from_secs(30);
/// Lines in a row that are not ntfy's JSON before the stream is dropped as not ntfy.
const GARBAGE_LIMIT: u32 = 20;

/// Remote ntfy topics.
pub struct Ntfy {
    secrets: OpenSecrets,
    clock: Arc<dyn Clock>,
    statuses: NtfyStatuses,
}

/// Opens where the subscriptions' tokens and passwords are kept.
type OpenSecrets = Box<dyn Fn() -> BoxFuture<'static, Secrets> + Send + Sync>;

impl Ntfy {
    /// `open_secrets` is called the first time a subscription needs its credential, never for
    /// public topics only: a desktop whose keyring D-Bus would start (and might ask to unlock)
    /// is not touched by a user who has none.
    pub fn new<F>(
        open_secrets: impl Fn() -> F + Send + Sync + 'static,
        clock: Arc<dyn Clock>,
        statuses: NtfyStatuses,
    ) -> Self
    where
        F: std::future::Future<Output = Secrets> + Send + 'static,
    {
        Self { secrets: Box::new(move || Box::pin(open_secrets())), clock, statuses }
    }
}

impl std::fmt::Debug for Ntfy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ntfy").field("statuses", &self.statuses).finish_non_exhaustive()
    }
}

/// What the followers share: the secrets (opened when first needed) and the clock.
struct Shared {
    open: OpenSecrets,
    secrets: tokio::sync::OnceCell<Secrets>,
    clock: Arc<dyn Clock>,
}

impl Shared {
    async fn secrets(&self) -> &Secrets {
        self.secrets.get_or_init(|| (self.open)()).await
    }
}

/// How each subscription is doing, by its id: what Settings › Sources and `lull sources` list.
#[derive(Debug, Clone, Default)]
pub struct NtfyStatuses(Arc<Mutex<BTreeMap<String, SourceStatus>>>);

impl NtfyStatuses {
    pub fn snapshot(&self) -> BTreeMap<String, SourceStatus> {
        self.0.lock().map(|map| map.clone()).unwrap_or_default()
    }
}

impl crate::Source for Ntfy {
    fn name(&self) -> &'static str {
        "ntfy"
    }

    fn run(self: Box<Self>, engine: Engine, status: watch::Sender<SourceStatus>) -> BoxFuture<'static, ()> {
        Box::pin(supervise(engine, *self, status))
    }
}

/// Keeps one follower per enabled subscription, started, stopped and restarted as the settings
/// change, until the engine stops.
async fn supervise(engine: Engine, ntfy: Ntfy, status: watch::Sender<SourceStatus>) {
    let report = Report { statuses: ntfy.statuses.clone(), overall: Arc::new(status) };
    let ntfy =
        Arc::new(Shared { open: ntfy.secrets, secrets: tokio::sync::OnceCell::new(), clock: ntfy.clock });
    let mut changes = engine.subscribe_transitions();
    let mut running: HashMap<String, (NtfySubscription, JoinHandle<()>)> = HashMap::new();
    let mut settings = match engine.settings().await {
        Ok(settings) => settings,
        Err(_) => return,
    };
    loop {
        reconcile(&engine, &ntfy, &report, &settings, &mut running);
        settings = loop {
            match changes.recv().await {
                Ok(Change::SettingsChanged { settings }) => break settings,
                Ok(_) => {}
                // Changes were skipped, a settings change perhaps among them: read them again.
                Err(broadcast::error::RecvError::Lagged(_)) => match engine.settings().await {
                    Ok(settings) => break settings,
                    Err(_) => return stop_all(running),
                },
                Err(broadcast::error::RecvError::Closed) => return stop_all(running),
            }
        };
    }
}

fn stop_all(running: HashMap<String, (NtfySubscription, JoinHandle<()>)>) {
    for (_, (_, follower)) in running {
        follower.abort();
    }
}

/// Stops the followers of subscriptions that are gone, switched off or changed, and starts the
/// missing ones.
fn reconcile(
    engine: &Engine,
    ntfy: &Arc<Shared>,
    report: &Report,
    settings: &Settings,
    running: &mut HashMap<String, (NtfySubscription, JoinHandle<()>)>,
) {
    let wanted: HashMap<&str, &NtfySubscription> =
        settings.ntfy.iter().filter(|s| s.enabled).map(|s| (s.id.as_str(), s)).collect();
    running.retain(|id, (subscription, follower)| {
        let keep = wanted.get(id.as_str()).is_some_and(|w| *w == subscription) && !follower.is_finished();
        if !keep {
            follower.abort();
        }
        keep
    });
    report.keep_only(settings.ntfy.iter().map(|s| (s.id.as_str(), s.enabled)));
    for (id, subscription) in wanted {
        if running.contains_key(id) {
            continue;
        }
        let follower = Follower {
            engine: engine.clone(),
            subscription: subscription.clone(),
            shared: ntfy.clone(),
            report: report.clone(),
        };
        running.insert(id.to_owned(), (subscription.clone(), tokio::spawn(follower.run())));
    }
}

/// The `Authorization` header's value for `subscription`, from the Secret Service.
async fn credential(shared: &Shared, subscription: &NtfySubscription) -> Result<Option<String>, String> {
    if subscription.auth == NtfyAuth::None {
        return Ok(None);
    }
    let secret = match shared.secrets().await.read(&subscription.secret_key()).await {
        Ok(Some(secret)) => secret,
        Ok(None) => {
            return Err("no password or token is stored for it: add one in Settings › Sources".to_owned());
        }
        Err(err) => return Err(format!("its credential cannot be read: {err}")),
    };
    Ok(match &subscription.auth {
        NtfyAuth::None => None,
        NtfyAuth::Token => Some(format!("Bearer {}", secret.expose())),
        NtfyAuth::Basic { user } => Some(basic(user, &secret)),
    })
}

fn basic(user: &str, password: &Secret) -> String {
    let pair = format!("{user}:{}", password.expose());
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

/// The overall status (one line for the source) and each subscription's.
#[derive(Clone)]
struct Report {
    statuses: NtfyStatuses,
    overall: Arc<watch::Sender<SourceStatus>>,
}

impl Report {
    fn set(&self, id: &str, status: SourceStatus) {
        if let Ok(mut map) = self.statuses.0.lock() {
            map.insert(id.to_owned(), status);
        }
        self.publish();
    }

    /// Forgets the subscriptions that are gone; the switched-off ones read as off.
    fn keep_only<'a>(&self, subscriptions: impl Iterator<Item = (&'a str, bool)>) {
        if let Ok(mut map) = self.statuses.0.lock() {
            let mut kept = BTreeMap::new();
            for (id, enabled) in subscriptions {
                let status = if enabled {
                    map.remove(id).unwrap_or_else(|| SourceStatus::new(SourceState::Starting, None))
                } else {
                    SourceStatus::new(SourceState::Off, None)
                };
                kept.insert(id.to_owned(), status);
            }
            *map = kept;
        }
        self.publish();
    }

    /// One line for the source: running when every subscription is, else the first that is not.
    fn publish(&self) {
        let map = self.statuses.snapshot();
        let on: Vec<_> = map.iter().filter(|(_, s)| s.state != SourceState::Off).collect();
        let overall = match on.iter().find(|(_, s)| s.state != SourceState::Running) {
            _ if on.is_empty() => SourceStatus::new(SourceState::Off, None),
            None => SourceStatus::new(SourceState::Running, None),
            Some((id, status)) => {
                let detail = status.detail.as_deref().map_or_else(|| (*id).clone(), |d| format!("{id}: {d}"));
                SourceStatus { detail: Some(detail), ..(*status).clone() }
            }
        };
        self.overall.send_replace(overall);
    }
}

/// One subscription's connection, kept up until it is aborted.
struct Follower {
    engine: Engine,
    subscription: NtfySubscription,
    shared: Arc<Shared>,
    report: Report,
}

/// How a stream ended.
enum Ended {
    /// The engine stopped: nothing more to do.
    EngineStopped,
    /// The server closed the stream after it was open (a restart, a load balancer's limit).
    Closed,
    /// The server refused Lull: its credential, or the URL.
    Refused(String),
    /// No credential is stored yet (or it cannot be read): looked for again soon, since the
    /// user is probably entering it right now.
    NoCredential(String),
    /// The server could not be reached or stopped answering.
    Down(String),
}

impl Follower {
    async fn run(self) {
        let id = self.subscription.id.clone();
        let mut pause = FIRST_RETRY;
        let mut down_since: Option<DateTime<Utc>> = None;
        loop {
            let ended = self.stream(&mut pause, &mut down_since).await;
            let wait = match ended {
                Ended::EngineStopped => return,
                Ended::Closed => FIRST_RETRY,
                Ended::Refused(detail) => {
                    tracing::warn!("ntfy {id}: {detail}");
                    self.report.set(&id, SourceStatus::new(SourceState::Refused, Some(detail)));
                    REFUSED_RETRY
                }
                Ended::NoCredential(detail) => {
                    self.report.set(&id, SourceStatus::new(SourceState::Refused, Some(detail)));
                    CREDENTIAL_RETRY
                }
                Ended::Down(detail) => {
                    let since = *down_since.get_or_insert_with(|| self.shared.clock.now());
                    tracing::info!("ntfy {id}: {detail}; trying again in {} s", pause.as_secs());
                    self.report.set(&id, SourceStatus::unreachable(detail, since));
                    let wait = pause;
                    pause = (pause * 2).min(LAST_RETRY);
                    wait
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// One connection: from the request to the stream's end.
    async fn stream(&self, pause: &mut Duration, down_since: &mut Option<DateTime<Utc>>) -> Ended {
        let cursor = match self.engine.source_cursor(self.subscription.cursor_key()).await {
            Ok(cursor) => cursor,
            Err(_) => return Ended::EngineStopped,
        };
        let url = match Url::parse(&stream_url(&self.subscription, cursor.as_deref())) {
            Ok(url) => url,
            Err(err) => return Ended::Refused(err.to_string()),
        };
        // Read for each connection, so a token replaced in the keyring is used at the next try.
        let credential = match credential(&self.shared, &self.subscription).await {
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
            return Ended::Refused(format!("{} refused the credential ({code})", self.subscription.host()));
        }
        if code == 404 || code == 400 {
            return Ended::Refused(format!(
                "{} has no such ntfy stream ({code}): is it an ntfy server?",
                self.subscription.host()
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
            let event: Event = match serde_json::from_slice(&line) {
                Ok(event) => event,
                Err(err) if line.iter().all(u8::is_ascii_whitespace) => {
                    let _ = err;
                    continue;
                }
                Err(err) => {
                    garbage += 1;
                    tracing::warn!(
                        "ntfy {}: a line that is not ntfy's JSON was skipped: {err}",
                        self.subscription.id
                    );
                    if garbage >= GARBAGE_LIMIT {
                        return Ended::Down(format!("{GARBAGE_LIMIT} lines in a row were not ntfy's JSON"));
                    }
                    continue;
                }
            };
            garbage = 0;
            match event.event.as_str() {
                "open" => {
                    *pause = FIRST_RETRY;
                    *down_since = None;
                    self.report.set(&self.subscription.id, SourceStatus::new(SourceState::Running, None));
                    // A subscription with no message yet starts its cursor at the server's time
                    // of opening, so what is sent during a later outage is caught up too.
                    if cursor.is_none() && event.time > 0 {
                        let at = event.time.to_string();
                        let saved =
                            self.engine.save_source_cursor(self.subscription.cursor_key(), Some(at)).await;
                        if saved.is_err_and(|err| err.code == ErrorCode::EngineStopped) {
                            return Ended::EngineStopped;
                        }
                    }
                }
                "message" => {
                    if let Some(ended) = self.receive(event).await {
                        return ended;
                    }
                }
                // keepalive, poll_request, message_delete, message_clear: nothing to keep.
                _ => {}
            }
        }
    }

    /// Hands one message to the engine and moves the cursor past it.
    async fn receive(&self, event: Event) -> Option<Ended> {
        let id = event.id.clone();
        match self.engine.receive(message(&self.subscription, event)).await {
            Ok(_) => {}
            Err(err) if err.code == ErrorCode::EngineStopped => return Some(Ended::EngineStopped),
            // A message the engine cannot keep (too large, nothing in it) is skipped; the next
            // one is not held up by it.
            Err(err) => tracing::warn!("ntfy {}: message {id} not kept: {err}", self.subscription.id),
        }
        match self.engine.save_source_cursor(self.subscription.cursor_key(), Some(id)).await {
            Ok(()) => None,
            Err(err) if err.code == ErrorCode::EngineStopped => Some(Ended::EngineStopped),
            Err(err) => {
                // The message is stored; with no cursor it comes again and is deduplicated.
                tracing::warn!("ntfy {}: cannot save the cursor: {err}", self.subscription.id);
                None
            }
        }
    }
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
/// group), the ntfy id as its dedupe key, `click` (or the first `view` action) as its link.
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
        ..NewMessage::default()
    }
}

/// Links Lull offers to open: the web and mail, nothing that would run something.
fn openable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
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
