//! The engine: one tokio task that owns the [`Lull`] and therefore every write.
//!
//! Everything that changes state arrives here as a job (a click, an API call) or as a wake-up at
//! the next deadline; the task applies it, ticks (so the mode, releases and scheduled blocks
//! follow at once), publishes the new [`Status`] on a `watch` channel and each [`Change`] on a
//! broadcast channel, and only then answers the caller, whose change has been committed. The
//! tray, the windows and the API render what they receive and never decide anything themselves.
//!
//! Between deadlines the task sleeps on the clock, so an idle Lull has no periodic wake-ups.
//!
//! Here: the handle ([`Engine`]) and its channels; `commands.rs` holds one method per command,
//! `task.rs` the loop (group commit, backoff, publishing).

mod commands;
mod task;

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::error::{Error, ErrorCode, Result};
use crate::lull::{Change, Lull};
use crate::message::{NewMessage, Receipt};
use crate::status::Status;
use crate::token::publish::{Grants, PublishToken};

/// What the engine tells its listeners, in the order it happened.
pub type Event = Change;

/// A unit of work for the engine task: it returns the changes the core made and the answer to
/// send once they are published.
type Work = Box<dyn FnOnce(&mut Lull) -> (Vec<Change>, Respond) + Send>;

/// Answers a job's caller; called only once what the job changed has been published.
type Respond = Box<dyn FnOnce() + Send>;

#[allow(
    clippy::large_enum_variant,
    reason = "one per message, moved once; boxing would allocate per message"
)]
enum Job {
    Run(Work),
    /// Arriving messages get their own kind of job so that the task can commit all that are
    /// queued in one transaction (group commit): one fsync-free WAL commit for many senders,
    /// each still answered only after that commit.
    Receive(NewMessage, oneshot::Sender<Result<Receipt>>),
}

/// A handle to the running engine. Cheap to clone; every clone talks to the same task.
#[derive(Clone)]
pub struct Engine {
    jobs: mpsc::Sender<Job>,
    status: watch::Receiver<Status>,
    /// The publish tokens that work, replaced before a command that changed them is answered.
    grants: watch::Receiver<Arc<Grants>>,
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
        let (grants_tx, grants) = watch::channel(Arc::new(lull.grants()?));
        let events = Events { all: broadcast::channel(1024).0, transitions: broadcast::channel(1024).0 };
        let watches = task::Watches { status: status_tx, grants: grants_tx };
        let task = task::run(lull, inbox, watches, events.clone(), pending);
        Ok((Self { jobs, status, grants, events }, task))
    }

    /// The working publish token whose secret is `secret`, if there is one (the API's check;
    /// no database read, so publishing stays as fast as before).
    pub fn publish_token(&self, secret: &str) -> Option<PublishToken> {
        self.grants.borrow().find(secret).cloned()
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
            let respond: Respond = Box::new(move || {
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};

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
