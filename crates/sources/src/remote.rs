//! What every remote source (ntfy topics, Gotify servers, mail folders) does the same way: one follower per
//! enabled subscription, started, stopped and restarted as the settings change; each keeps its
//! stream up with a growing pause between tries; the statuses, one line for the source and one
//! per subscription; the secrets, opened the first time a subscription needs one.
//!
//! A source supplies its subscriptions' type ([`Subscription`]) and one connection's worth of
//! work (`Subscription::stream`), which reports how it ended ([`Ended`]); the retry policy is here.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use lull_core::clock::Clock;
use lull_core::{Change, Engine, ErrorCode, Settings};
use lull_secrets::{Secret, Secrets};
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

use crate::{SourceState, SourceStatus};

const FIRST_RETRY: Duration = Duration::from_secs(1);
/// How long a stream must have stayed open for its end to start the pauses from the first
/// again: a server that lets Lull in and closes at once is failing, not restarting, and is
/// tried less and less often like one that cannot be reached.
const STEADY: Duration = Duration::from_secs(30);
const LAST_RETRY: Duration = Duration::from_secs(60);
/// How long after a refused credential the server is asked again.
const REFUSED_RETRY: Duration = Duration::from_secs(300);
/// How soon a subscription without a stored credential looks for one again.
const CREDENTIAL_RETRY: Duration = Duration::from_secs(30);

/// Opens where the subscriptions' tokens and passwords are kept.
pub(crate) type OpenSecrets = Box<dyn Fn() -> BoxFuture<'static, Secrets> + Send + Sync>;

/// How each subscription is doing, by its id: what Settings › Sources and `lull status` list.
#[derive(Debug, Clone, Default)]
pub struct Statuses(Arc<Mutex<BTreeMap<String, SourceStatus>>>);

impl Statuses {
    pub fn snapshot(&self) -> BTreeMap<String, SourceStatus> {
        self.0.lock().map(|map| map.clone()).unwrap_or_default()
    }
}

/// What the followers of one source share: the secrets (opened when first needed) and the clock.
pub struct Shared {
    open: OpenSecrets,
    secrets: tokio::sync::OnceCell<Secrets>,
    pub(crate) clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("secrets", &self.secrets.get().map(Secrets::backend))
            .finish_non_exhaustive()
    }
}

impl Shared {
    pub(crate) fn new(open: OpenSecrets, clock: Arc<dyn Clock>) -> Self {
        Self { open, secrets: tokio::sync::OnceCell::new(), clock }
    }

    /// The secret kept under `key`, read for each connection, so one stored or replaced is used
    /// at the next try; a sentence for the status when there is none.
    pub(crate) async fn secret(&self, key: &str) -> Result<Secret, String> {
        let secrets = self.secrets.get_or_init(|| (self.open)()).await;
        match secrets.read(key).await {
            Ok(Some(secret)) => Ok(secret),
            Ok(None) => {
                Err("no password or token is stored for it: add one in Settings › Sources".to_owned())
            }
            Err(err) => Err(format!("its credential cannot be read: {err}")),
        }
    }
}

/// How one connection ended.
#[derive(Debug)]
pub enum Ended {
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

/// A connection's bookkeeping: `opened` once the server has answered with its stream.
#[derive(Debug)]
pub struct Progress {
    id: String,
    report: Report,
    pause: Duration,
    down_since: Option<DateTime<Utc>>,
    /// When the current connection's stream opened.
    opened_at: Option<Instant>,
}

impl Progress {
    fn new(id: String, report: Report) -> Self {
        Self { id, report, pause: FIRST_RETRY, down_since: None, opened_at: None }
    }

    /// The stream is open: running. The pauses start from the first again once it has stayed
    /// open for [`STEADY`].
    pub(crate) fn opened(&mut self) {
        self.opened_with(None);
    }

    /// [`Progress::opened`], saying what it holds ("12 events"); `None` keeps what was said.
    pub(crate) fn opened_with(&mut self, detail: Option<String>) {
        self.opened_at = Some(Instant::now());
        self.down_since = None;
        let detail = detail.or_else(|| {
            let kept = self.report.statuses.snapshot().remove(&self.id);
            kept.filter(|s| s.state == SourceState::Running).and_then(|s| s.detail)
        });
        self.report.set(&self.id, SourceStatus::new(SourceState::Running, detail));
    }

    /// Records how a connection ended (`now` on the wall clock, `at` on the monotonic one) and
    /// says how long to wait before the next, or `None` when the engine is gone: 1 s doubling to
    /// 60 s while it fails, five minutes after a refusal, 30 s while no credential is stored.
    fn ended(&mut self, kind: &str, ended: Ended, now: DateTime<Utc>, at: Instant) -> Option<Duration> {
        let was_steady = self.opened_at.take().is_some_and(|opened| at.duration_since(opened) >= STEADY);
        if was_steady {
            self.pause = FIRST_RETRY;
        }
        let id = &self.id;
        let detail = match ended {
            Ended::EngineStopped => return None,
            Ended::Closed if was_steady => return Some(FIRST_RETRY),
            Ended::Closed => "the server closed the connection right after opening it".to_owned(),
            Ended::Refused(detail) => {
                tracing::warn!("{kind} {id}: {detail}");
                self.report.set(id, SourceStatus::new(SourceState::Refused, Some(detail)));
                return Some(REFUSED_RETRY);
            }
            Ended::NoCredential(detail) => {
                self.report.set(id, SourceStatus::new(SourceState::Refused, Some(detail)));
                return Some(CREDENTIAL_RETRY);
            }
            Ended::Down(detail) => detail,
        };
        let since = *self.down_since.get_or_insert(now);
        tracing::info!("{kind} {id}: {detail}; trying again in {} s", self.pause.as_secs());
        self.report.set(id, SourceStatus::unreachable(detail, since));
        let wait = self.pause;
        self.pause = (self.pause * 2).min(LAST_RETRY);
        Some(wait)
    }
}

/// A remote source: its subscriptions of kind `S` (ntfy topics, Gotify servers), each followed
/// as [`Subscription::stream`] says.
pub struct Remote<S> {
    secrets: OpenSecrets,
    clock: Arc<dyn Clock>,
    statuses: Statuses,
    kind: std::marker::PhantomData<fn() -> S>,
}

impl<S> Remote<S> {
    /// `open_secrets` is called the first time a subscription needs its credential, never for
    /// public ones only: a desktop whose keyring D-Bus would start (and might ask to unlock) is
    /// not touched by a user who has none.
    pub fn new<F>(
        open_secrets: impl Fn() -> F + Send + Sync + 'static,
        clock: Arc<dyn Clock>,
        statuses: Statuses,
    ) -> Self
    where
        F: Future<Output = Secrets> + Send + 'static,
    {
        Self {
            secrets: Box::new(move || Box::pin(open_secrets())),
            clock,
            statuses,
            kind: std::marker::PhantomData,
        }
    }
}

impl<S> std::fmt::Debug for Remote<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote").field("statuses", &self.statuses).finish_non_exhaustive()
    }
}

impl<S: Subscription> crate::Source for Remote<S> {
    fn name(&self) -> &'static str {
        S::KIND
    }

    fn run(self: Box<Self>, engine: Engine, status: watch::Sender<SourceStatus>) -> BoxFuture<'static, ()> {
        let shared = Shared::new(self.secrets, self.clock);
        Box::pin(supervise::<S>(engine, shared, self.statuses, status))
    }
}

/// A subscription of a remote source, as the settings list it.
pub trait Subscription: Clone + PartialEq + Send + Sync + 'static {
    /// The source's name in the log ("ntfy").
    const KIND: &'static str;

    fn id(&self) -> &str;
    fn enabled(&self) -> bool;
    /// The subscriptions of this kind in `settings`.
    fn of(settings: &Settings) -> Vec<Self>;

    /// The key its password or token is kept under, if it has one.
    fn credential(&self) -> Option<String>;

    /// One connection, from the request to the stream's end.
    fn stream(
        &self,
        engine: &Engine,
        shared: &Shared,
        progress: &mut Progress,
    ) -> impl Future<Output = Ended> + Send;
}

/// Keeps one follower per enabled subscription of kind `S`, started, stopped and restarted as the
/// settings change, until the engine stops.
pub(crate) async fn supervise<S: Subscription>(
    engine: Engine,
    shared: Shared,
    statuses: Statuses,
    status: watch::Sender<SourceStatus>,
) {
    let report = Report { statuses, overall: Arc::new(status) };
    let shared = Arc::new(shared);
    let mut changes = engine.subscribe_transitions();
    let mut running: HashMap<String, (S, JoinHandle<()>)> = HashMap::new();
    let Ok(mut settings) = engine.settings().await else { return };
    let mut credentials = HashSet::new();
    loop {
        let subscriptions = S::of(&settings);
        reconcile(&engine, &shared, &report, &subscriptions, &mut running);
        let now: HashSet<String> = subscriptions.iter().filter_map(Subscription::credential).collect();
        forget(&shared, credentials.difference(&now)).await;
        credentials = now;
        settings = loop {
            match changes.recv().await {
                Ok(Change::SettingsChanged { settings }) => break settings,
                // Back from sleep: every connection is probably dead without knowing it (an
                // IDLE would only notice at its renewal, up to 29 minutes on). Start them all
                // afresh, so what came during the sleep is caught up now.
                Ok(Change::PresenceChanged { previous: lull_core::Presence::Asleep, .. }) => {
                    tracing::info!("{}: awake again; reconnecting", S::KIND);
                    stop_all(std::mem::take(&mut running));
                    reconcile(&engine, &shared, &report, &subscriptions, &mut running);
                }
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

/// Deletes the secrets of subscriptions the user removed (or renamed): a password is not left
/// behind in the keyring for a server Lull no longer knows.
async fn forget(shared: &Shared, keys: impl Iterator<Item = &String>) {
    for key in keys {
        let secrets = shared.secrets.get_or_init(|| (shared.open)()).await;
        match secrets.delete(key).await {
            Ok(_) => tracing::info!("forgot the secret {key}: its subscription is gone"),
            Err(err) => tracing::warn!("cannot forget the secret {key}: {err}"),
        }
    }
}

fn stop_all<S>(running: HashMap<String, (S, JoinHandle<()>)>) {
    for (_, (_, follower)) in running {
        follower.abort();
    }
}

/// Stops the followers of subscriptions that are gone, switched off or changed, and starts the
/// missing ones.
fn reconcile<S: Subscription>(
    engine: &Engine,
    shared: &Arc<Shared>,
    report: &Report,
    subscriptions: &[S],
    running: &mut HashMap<String, (S, JoinHandle<()>)>,
) {
    let wanted: HashMap<&str, &S> =
        subscriptions.iter().filter(|s| s.enabled()).map(|s| (s.id(), s)).collect();
    running.retain(|id, (subscription, follower)| {
        let keep = wanted.get(id.as_str()).is_some_and(|w| *w == subscription) && !follower.is_finished();
        if !keep {
            follower.abort();
        }
        keep
    });
    report.keep_only(subscriptions.iter().map(|s| (s.id(), s.enabled())));
    for (id, subscription) in wanted {
        if running.contains_key(id) {
            continue;
        }
        let follower = follow(engine.clone(), subscription.clone(), shared.clone(), report.clone());
        running.insert(id.to_owned(), (subscription.clone(), tokio::spawn(follower)));
    }
}

/// Keeps `subscription`'s stream up until it is aborted or the engine stops, pausing between
/// connections as [`Progress::ended`] says.
async fn follow<S: Subscription>(engine: Engine, subscription: S, shared: Arc<Shared>, report: Report) {
    let mut progress = Progress::new(subscription.id().to_owned(), report);
    loop {
        let ended = subscription.stream(&engine, &shared, &mut progress).await;
        let Some(wait) = progress.ended(S::KIND, ended, shared.clock.now(), Instant::now()) else {
            return;
        };
        tokio::time::sleep(wait).await;
    }
}

/// Saves `cursor` under `key`: `Some(Ended::EngineStopped)` when the engine is gone. A cursor that
/// cannot be saved is only logged: the messages are stored, and with no cursor they come again
/// and are deduplicated.
pub(crate) async fn save_cursor(engine: &Engine, kind: &str, key: String, cursor: String) -> Option<Ended> {
    match engine.save_source_cursor(key, Some(cursor)).await {
        Ok(()) => None,
        Err(err) if err.code == ErrorCode::EngineStopped => Some(Ended::EngineStopped),
        Err(err) => {
            tracing::warn!("{kind}: cannot save the cursor: {err}");
            None
        }
    }
}

/// Hands `message` to the engine: `Some(Ended::EngineStopped)` when the engine is gone. A message
/// the engine cannot keep (too large, nothing in it) is skipped so the next one is not held up.
pub(crate) async fn receive(engine: &Engine, kind: &str, message: lull_core::NewMessage) -> Option<Ended> {
    match engine.receive(message).await {
        Ok(_) => None,
        Err(err) if err.code == ErrorCode::EngineStopped => Some(Ended::EngineStopped),
        Err(err) => {
            tracing::warn!("{kind}: a message was not kept: {err}");
            None
        }
    }
}

/// [`receive`] for many at once: handed over together, so the engine stores them in one
/// transaction (its group commit) instead of one each; in order.
pub(crate) async fn receive_all(
    engine: &Engine,
    kind: &str,
    messages: Vec<lull_core::NewMessage>,
) -> Option<Ended> {
    let receipts = futures_util::future::join_all(messages.into_iter().map(|m| engine.receive(m))).await;
    for receipt in receipts {
        match receipt {
            Ok(_) => {}
            Err(err) if err.code == ErrorCode::EngineStopped => return Some(Ended::EngineStopped),
            Err(err) => tracing::warn!("{kind}: a message was not kept: {err}"),
        }
    }
    None
}

/// The overall status (one line for the source) and each subscription's.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    statuses: Statuses,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn progress() -> (Progress, Statuses) {
        let statuses = Statuses::default();
        let (overall, _) = watch::channel(SourceStatus::new(SourceState::Starting, None));
        let report = Report { statuses: statuses.clone(), overall: Arc::new(overall) };
        (Progress::new("work".into(), report), statuses)
    }

    #[test]
    fn a_server_that_closes_right_after_opening_is_tried_less_and_less_often() {
        let (mut progress, statuses) = progress();
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let mut waits = Vec::new();
        for _ in 0..8 {
            progress.opened();
            let closed_at = progress.opened_at.expect("opened") + Duration::from_millis(50);
            waits.push(progress.ended("ntfy", Ended::Closed, now, closed_at).expect("a pause").as_secs());
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60], "the pauses double as for a server that is down");
        let status = statuses.snapshot().remove("work").expect("a status");
        assert_eq!(status.state, SourceState::Unreachable, "it reads as unreachable: {status:?}");
    }

    #[test]
    fn a_stream_that_stayed_open_starts_the_pauses_again() {
        let (mut progress, _) = progress();
        let now = DateTime::<Utc>::UNIX_EPOCH;
        for _ in 0..4 {
            let _ = progress.ended("ntfy", Ended::Down("refused".into()), now, Instant::now());
        }
        progress.opened();
        let later = progress.opened_at.expect("opened") + STEADY;
        assert_eq!(progress.ended("ntfy", Ended::Closed, now, later), Some(FIRST_RETRY), "a restart");
        let down = progress.ended("ntfy", Ended::Down("gone".into()), now, Instant::now());
        assert_eq!(down, Some(FIRST_RETRY), "then a failure starts from the first pause");
        assert_eq!(progress.ended("ntfy", Ended::EngineStopped, now, Instant::now()), None);
    }
}
