//! The engine: one tokio task that owns the [`Lull`] and therefore every write.
//!
//! Everything that changes state arrives here as a job (a click, an API call) or as a wake-up at
//! the next deadline; the task applies it, ticks (so the mode, releases and scheduled blocks
//! follow at once), publishes the new [`Status`] on a `watch` channel and each [`Change`] on a
//! broadcast channel, and only then answers the caller, whose change has been committed. The
//! tray, the windows and the API render what they receive and never decide anything themselves.
//!
//! Between deadlines the task sleeps on the clock, so an idle Lull has no periodic wake-ups.

use std::future::Future;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::block::FocusBlock;
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::TimeOfDay;
use crate::lull::{Change, GroupKey, InboxOverview, InboxPage, InboxStart, Lull, SnoozeUntil, Stats};
use crate::message::{Message, MessageId, NewMessage, PinState, Receipt};
use crate::settings::Settings;
use crate::status::{Fault, Status};

/// What the engine tells its listeners, in the order it happened.
pub type Event = Change;

/// A unit of work for the engine task: it returns the changes the core made and the answer to
/// send once they are published.
type Work = Box<dyn FnOnce(&mut Lull) -> (Vec<Change>, Box<dyn FnOnce() + Send>) + Send>;

enum Job {
    Run(Work),
    /// Arriving messages get their own kind of job so that the task can commit all that are
    /// queued in one transaction (group commit): one fsync-free WAL commit for many senders,
    /// each still answered only after that commit.
    Receive(NewMessage, oneshot::Sender<Result<Receipt>>),
}

/// The most messages committed together.
const MAX_GROUP: usize = 1024;

/// A handle to the running engine. Cheap to clone; every clone talks to the same task.
#[derive(Clone)]
pub struct Engine {
    jobs: mpsc::Sender<Job>,
    status: watch::Receiver<Status>,
    events: Events,
}

/// The engine's two broadcast streams. `all` carries every change, a message's arrival included,
/// so a flood of messages can outrun a slow listener (which then skips some). `transitions`
/// carries only what changes the engine's own state (blocks, modes, digests, the review, the
/// settings): a handful per command at most, so a follower that acts on each of them (hooks,
/// the digest notification) never lags behind it, however many messages arrive around it.
#[derive(Clone)]
struct Events {
    all: broadcast::Sender<Event>,
    transitions: broadcast::Sender<Event>,
}

impl Events {
    fn send(&self, change: Change) {
        // No subscriber is fine: nobody is listening right now.
        if is_transition(&change) {
            let _ = self.transitions.send(change.clone());
        }
        let _ = self.all.send(change);
    }
}

/// Whether a change is about the engine's state rather than one message's arrival or triage.
pub fn is_transition(change: &Change) -> bool {
    !matches!(change, Change::Received { .. } | Change::Resurfaced { .. } | Change::InboxChanged { .. })
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

impl Engine {
    /// Builds the engine around `lull` and returns its handle and the task to spawn on a tokio
    /// runtime. `pending` are the changes `Lull::open` made (they are published first).
    pub fn new(
        lull: Lull,
        pending: Vec<Change>,
    ) -> Result<(Self, impl Future<Output = ()> + Send + 'static)> {
        let (jobs, inbox) = mpsc::channel(256);
        let (status_tx, status) = watch::channel(lull.status()?);
        let events = Events { all: broadcast::channel(1024).0, transitions: broadcast::channel(1024).0 };
        let task = run(lull, inbox, status_tx, events.clone(), pending);
        Ok((Self { jobs, status, events }, task))
    }

    pub async fn start_focus(&self, duration_secs: i64, intent: Option<String>) -> Result<FocusBlock> {
        self.command(move |lull| lull.start_focus(duration_secs, intent.as_deref())).await
    }

    pub async fn extend_focus(&self, by_secs: i64) -> Result<FocusBlock> {
        self.command(move |lull| lull.extend_focus(by_secs)).await
    }

    pub async fn stop_focus(&self) -> Result<FocusBlock> {
        self.command(Lull::stop_focus).await
    }

    /// Takes in a message from any source; answers once it is committed.
    pub async fn receive(&self, message: NewMessage) -> Result<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Receive(message, reply)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| self.lost_answer())?
    }

    pub async fn done(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.done(&ids)).await
    }

    pub async fn undone(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.undone(&ids)).await
    }

    pub async fn snooze(&self, ids: Vec<MessageId>, until: SnoozeUntil) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.snooze(&ids, until)).await
    }

    pub async fn unsnooze(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.unsnooze(&ids)).await
    }

    /// Pins; answers each message's pin as it was (see [`Lull::pin`]).
    pub async fn pin(&self, ids: Vec<MessageId>, due: Option<DateTime<Utc>>) -> Result<Vec<PinState>> {
        self.command(move |lull| lull.pin(&ids, due)).await
    }

    /// Unpins; answers each message's pin as it was (see [`Lull::unpin`]).
    pub async fn unpin(&self, ids: Vec<MessageId>) -> Result<Vec<PinState>> {
        self.command(move |lull| lull.unpin(&ids)).await
    }

    pub async fn working_late(&self, until: TimeOfDay) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.working_late(until)).await
    }

    /// "Working late for an hour" (the tray's items): see [`Lull::working_late_for`].
    pub async fn working_late_for(&self, duration: TimeDelta) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.working_late_for(duration)).await
    }

    pub async fn done_for_today(&self) -> Result<DateTime<Utc>> {
        self.command(Lull::done_for_today).await
    }

    pub async fn clear_overrides(&self) -> Result<()> {
        self.command(Lull::clear_overrides).await
    }

    pub async fn update_settings(&self, settings: Settings) -> Result<Settings> {
        self.command(move |lull| lull.update_settings(settings)).await
    }

    pub async fn skip_scheduled(&self, schedule_id: u32, date: NaiveDate) -> Result<()> {
        self.command(move |lull| lull.skip_scheduled(schedule_id, date)).await
    }

    pub async fn export(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        self.read(move |lull| lull.export(date)).await
    }

    /// An export's span and blocks; its messages come in pages from [`Engine::export_messages`].
    pub async fn export_head(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        self.read(move |lull| lull.export_head(date)).await
    }

    pub async fn export_messages(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        after: Option<(DateTime<Utc>, MessageId)>,
        limit: usize,
    ) -> Result<Vec<Message>> {
        self.read(move |lull| lull.export_messages(from, to, after, limit)).await
    }

    pub async fn settings(&self) -> Result<Settings> {
        self.read(|lull| Ok(lull.settings().clone())).await
    }

    pub async fn message(&self, id: MessageId) -> Result<Message> {
        self.read(move |lull| lull.message(id)).await
    }

    pub async fn inbox(
        &self,
        after: Option<String>,
        limit: Option<usize>,
        include_snoozed: bool,
    ) -> Result<InboxPage> {
        self.read(move |lull| lull.inbox(after.as_deref(), limit, include_snoozed)).await
    }

    pub async fn search(
        &self,
        query: String,
        before: Option<MessageId>,
        limit: Option<usize>,
    ) -> Result<Vec<Message>> {
        self.read(move |lull| lull.search(&query, before, limit)).await
    }

    pub async fn inbox_overview(&self) -> Result<InboxOverview> {
        self.read(|lull| lull.inbox_overview()).await
    }

    pub async fn inbox_group(
        &self,
        key: GroupKey,
        after: Option<String>,
        limit: Option<usize>,
    ) -> Result<InboxPage> {
        self.read(move |lull| lull.inbox_group(&key, after.as_deref(), limit)).await
    }

    pub async fn inbox_start(&self, limit: usize, rows: usize) -> Result<InboxStart> {
        self.read(move |lull| lull.inbox_start(limit, rows)).await
    }

    pub async fn stats(&self, weeks: u32) -> Result<Stats> {
        self.read(move |lull| lull.stats(weeks)).await
    }

    /// The latest published status.
    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// A receiver that sees every status the engine publishes from now on.
    pub fn watch_status(&self) -> watch::Receiver<Status> {
        self.status.clone()
    }

    /// A receiver of every event from now on. Under a flood of messages a slow receiver skips
    /// some (`Lagged`); what must never be missed is also on [`Engine::subscribe_transitions`].
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.all.subscribe()
    }

    /// A receiver of the changes to the engine's own state from now on (see [`is_transition`]):
    /// never flooded by arriving messages.
    pub fn subscribe_transitions(&self) -> broadcast::Receiver<Event> {
        self.events.transitions.subscribe()
    }

    /// Records that the digest `id` was shown to the user. Until then it counts as owed, and a
    /// restart announces it again: the one who shows digests says so, not the one who sends them.
    pub async fn digest_announced(&self, id: i64) -> Result<()> {
        self.command(move |lull| lull.mark_digest_announced(id)).await
    }

    /// The digests recorded but not yet shown, oldest first (for a listener that fell behind).
    pub async fn unannounced_digests(&self) -> Result<Vec<crate::digest::Digest>> {
        self.read(|lull| lull.unannounced_digest_list()).await
    }

    /// Makes every later write fail as on a read-only file system, or lifts that: for the tests
    /// of what the engine does while it cannot write.
    #[doc(hidden)]
    pub async fn refuse_writes(&self, refuse: bool) -> Result<()> {
        self.command(move |lull| lull.refuse_writes(refuse)).await
    }

    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Lull) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        self.command(move |lull| f(lull)).await
    }

    /// Runs a command on the engine's task; what the core buffered while it ran (its changes,
    /// authored by the core) is published before the caller is answered.
    async fn command<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Lull) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |lull| {
            let result = f(lull);
            // The caller may have given up waiting; the change stands either way.
            let respond: Box<dyn FnOnce() + Send> = Box::new(move || {
                let _ = reply.send(result);
            });
            (lull.take_changes(), respond)
        });
        self.jobs.send(Job::Run(work)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| self.lost_answer())?
    }

    /// The error for a job whose answer never came: the engine stopped, or (while it still runs)
    /// the job failed with a bug and was abandoned.
    fn lost_answer(&self) -> Error {
        if self.jobs.is_closed() {
            stopped()
        } else {
            Error::new(ErrorCode::Internal, "Lull hit a bug doing this; nothing was changed")
        }
    }
}

/// The next change for one of the engine's followers (hooks, notifications, do-not-disturb);
/// `None` once the engine has stopped. Changes a slow follower missed are said on stderr and
/// skipped: a follower that must see every transition reads [`Engine::subscribe_transitions`].
pub async fn next_change(changes: &mut broadcast::Receiver<Event>, follower: &str) -> Option<Event> {
    use broadcast::error::RecvError;
    loop {
        match changes.recv().await {
            Ok(change) => return Some(change),
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!("{follower}: {missed} events came too fast and were skipped");
            }
            Err(RecvError::Closed) => return None,
        }
    }
}

fn stopped() -> Error {
    Error::new(ErrorCode::EngineStopped, "Lull's engine has stopped; restart Lull")
}

/// Runs the engine's task on a thread of its own, with a runtime of its own, so that its SQLite
/// work (a write that waits 5 s for a lock held by another process, a slow disk) never stalls the
/// runtime that serves the HTTP API, the desktop bus and the tray.
pub fn spawn_task(
    task: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    std::thread::Builder::new().name("lull-engine".into()).spawn(move || runtime.block_on(task))
}

/// The first wait after a failed tick; each further failure doubles it, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: TimeDelta = TimeDelta::seconds(1);
const MAX_BACKOFF: TimeDelta = TimeDelta::seconds(60);

/// Why the engine cannot do what is due, while it keeps failing: published in the status so the
/// user sees it, and used to space the retries.
struct Failing {
    fault: Fault,
}

impl Failing {
    fn backoff(&self) -> TimeDelta {
        let doublings = self.fault.attempts.saturating_sub(1).min(6);
        (FIRST_BACKOFF * 2i32.pow(doublings)).min(MAX_BACKOFF)
    }
}

async fn run(
    mut lull: Lull,
    mut inbox: mpsc::Receiver<Job>,
    status: watch::Sender<Status>,
    events: Events,
    pending: Vec<Change>,
) {
    let mut failing: Option<Failing> = None;
    publish(&lull, &status, &events, pending, None);
    let mut next_job: Option<Job> = None;
    loop {
        let job = match next_job.take() {
            Some(job) => Some(job),
            None => {
                let wakeup = next_wakeup(&lull, &mut failing);
                let sleep = wakeup.map(|at| lull.clock().sleep_until(at));
                tokio::select! {
                    job = inbox.recv() => match job {
                        Some(job) => Some(job),
                        None => return, // every handle is gone: the app is shutting down
                    },
                    () = async { match sleep { Some(sleep) => sleep.await, None => std::future::pending().await } } => None,
                }
            }
        };
        // A job arriving while ticks fail is still served (a read, a stop), but the failing tick
        // is only retried once its backoff has passed: a full disk must not make the loop spin.
        let retry_due = failing.as_ref().is_none_or(|f| lull.now() >= f.fault.retry_at);

        // Whatever woke us, first apply what is due, so a command sees the present state (a stop
        // that arrives after the deadline finds the block completed); after the command, tick
        // again so its consequences (a new mode, a release) follow at once.
        let mut changes = if retry_due { tick(&mut lull, &mut failing) } else { Vec::new() };
        let mut responds: Vec<Box<dyn FnOnce() + Send>> = Vec::new();
        match job {
            None => {}
            Some(Job::Run(work)) => {
                let (made, respond) = run_work(&mut lull, work);
                changes.extend(made);
                responds.push(respond);
            }
            Some(Job::Receive(message, reply)) => {
                // Take every message already queued behind this one, up to a limit; keep the
                // first other job for the next turn.
                let mut group = vec![(message, reply)];
                while group.len() < MAX_GROUP {
                    match inbox.try_recv() {
                        Ok(Job::Receive(message, reply)) => group.push((message, reply)),
                        Ok(other) => {
                            next_job = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                let (batch, replies): (Vec<_>, Vec<_>) = group.into_iter().unzip();
                let replaces: Vec<bool> = batch.iter().map(|m| m.replace).collect();
                let results =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lull.receive_batch(batch)))
                        .unwrap_or_else(|_| {
                            tracing::error!("engine: storing messages failed with a bug");
                            Vec::new() // every reply is dropped: each sender gets `internal`
                        });
                for ((result, reply), replace) in results.into_iter().zip(replies).zip(replaces) {
                    let result = result.map(|(receipt, stored)| {
                        changes.extend(stored.map(|message| Change::Received { message }));
                        if receipt.duplicate && replace {
                            // Updated in place (a desktop notification's `replaces_id`): the
                            // views showing it must hear of it like any other change.
                            changes.push(Change::InboxChanged { ids: vec![receipt.id] });
                        }
                        receipt
                    });
                    responds.push(Box::new(move || {
                        let _ = reply.send(result);
                    }));
                }
            }
        }
        if !responds.is_empty() && failing.is_none() {
            changes.extend(tick(&mut lull, &mut failing));
        }
        publish(&lull, &status, &events, changes, failing.as_ref().map(|f| f.fault.clone()));
        for respond in responds {
            respond();
        }
    }
}

/// When to wake up next: the core's next deadline, but never sooner than a failing tick's retry,
/// and never "never" while something is failing.
fn next_wakeup(lull: &Lull, failing: &mut Option<Failing>) -> Option<DateTime<Utc>> {
    let next = lull.next_wakeup();
    let wakeup = next.at;
    if let Some(err) = next.error {
        // One input could not be read: wake by the retry at the latest, never "never".
        tracing::warn!("engine: cannot compute the next wake-up: {err}");
        let failing = record_failure(lull, failing, err);
        return Some(wakeup.map_or(failing.fault.retry_at, |at| at.min(failing.fault.retry_at)));
    }
    match failing {
        Some(failing) => Some(wakeup.map_or(failing.fault.retry_at, |at| at.max(failing.fault.retry_at))),
        None => wakeup,
    }
}

fn record_failure<'a>(lull: &Lull, failing: &'a mut Option<Failing>, err: Error) -> &'a Failing {
    let now = lull.now();
    let (since, attempts) = match failing.take() {
        Some(f) => (f.fault.since, f.fault.attempts.saturating_add(1)),
        None => (now, 1),
    };
    let mut next = Failing { fault: Fault { error: err.body(), since, attempts, retry_at: now } };
    next.fault.retry_at = now + next.backoff();
    failing.insert(next)
}

/// Runs a job; a job that panics (a bug) answers its caller with `internal` and the engine
/// carries on: its transaction, if one was open, was rolled back when it unwound.
fn run_work(lull: &mut Lull, work: Work) -> (Vec<Change>, Box<dyn FnOnce() + Send>) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(lull))) {
        Ok(done) => done,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!("engine: a command failed with a bug: {what}");
            // The job's reply was dropped while unwinding; its caller sees `internal`
            // (`Engine::lost_answer`). What it had committed before the bug is published, as a
            // failed tick's is; its open transaction was rolled back, so nothing else was kept.
            (lull.take_changes(), Box::new(|| {}))
        }
    }
}

/// Applies what is due; returns what was committed, even when a later step failed.
fn tick(lull: &mut Lull, failing: &mut Option<Failing>) -> Vec<Change> {
    let tick = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lull.tick())).unwrap_or_else(|_| {
        crate::Tick {
            changes: Vec::new(),
            error: Some(Error::new(
                ErrorCode::Internal,
                "Lull hit a bug applying what is due; it will try again",
            )),
        }
    });
    match tick.error {
        None => *failing = None,
        Some(err) => {
            let failing = record_failure(lull, failing, err);
            tracing::warn!(
                "engine: cannot apply due changes ({}); retrying in {} s",
                failing.fault.error.message,
                failing.backoff().num_seconds()
            );
        }
    }
    tick.changes
}

fn publish(
    lull: &Lull,
    status: &watch::Sender<Status>,
    events: &Events,
    changes: Vec<Change>,
    fault: Option<Fault>,
) {
    // The status goes out whenever it differs from the last one, whether or not a change came
    // with it (an override set, a skipped occurrence, a new day).
    match lull.status() {
        Ok(mut now) => {
            now.fault = fault;
            status.send_if_modified(|last| {
                let differs = *last != now;
                if differs {
                    *last = now;
                }
                differs
            });
        }
        Err(err) => {
            tracing::warn!("engine: cannot read the status: {err}");
            status.send_if_modified(|last| {
                let differs = last.fault != fault;
                last.fault = fault;
                differs
            });
        }
    }
    for change in changes {
        events.send(change);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;

    use super::*;
    use crate::clock::ManualClock;

    #[tokio::test]
    async fn a_job_that_panics_answers_internal_and_the_engine_carries_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
        let clock = ManualClock::new(start, chrono_tz::Tz::UTC);
        let (lull, pending) = Lull::open(&dir.path().join("lull.sqlite3"), Arc::new(clock)).expect("opens");
        let (engine, task) = Engine::new(lull, pending).expect("engine");
        tokio::spawn(task);

        let err = engine
            .command(|_lull| -> Result<()> { panic!("a bug in a command") })
            .await
            .expect_err("the caller gets an answer, not a hang");
        assert_eq!(err.code, ErrorCode::Internal, "{err:?}");
        let block = engine.start_focus(600, None).await.expect("the engine still serves");
        assert_eq!(engine.status().block.map(|b| b.id), Some(block.id), "and still publishes");
    }
}
