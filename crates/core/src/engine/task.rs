//! The engine's task: the loop that waits for a job or the next deadline, applies what is due,
//! runs the job, publishes, and only then answers.
//!
//! A tick that fails is not retried in a loop: the task backs off (1 s, doubling up to 60 s) and
//! publishes the fault in the status meanwhile, while jobs are still served.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::{mpsc, oneshot, watch};

use super::{Events, Job, Respond, Work};
use crate::clock::Sleep;
use crate::error::{Error, ErrorCode, Result};
use crate::lull::{Change, Lull};
use crate::message::{NewMessage, Receipt};
use crate::status::{Fault, Status};
use crate::token::publish::Grants;

/// The most messages committed together.
const MAX_GROUP: usize = 1024;

/// The first wait after a failed tick; each further failure doubles it, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: TimeDelta = TimeDelta::seconds(1);
const MAX_BACKOFF: TimeDelta = TimeDelta::seconds(60);

/// Where a stored message's answer goes.
type Reply = oneshot::Sender<Result<Receipt>>;

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

/// What the task keeps up to date for the handles to read without asking it.
pub(super) struct Watches {
    pub(super) status: watch::Sender<Status>,
    pub(super) grants: watch::Sender<Arc<Grants>>,
}

/// Runs the engine until every handle is gone (the app is shutting down).
pub(super) async fn run(
    lull: Lull,
    inbox: mpsc::Receiver<Job>,
    watches: Watches,
    events: Events,
    pending: Vec<Change>,
) {
    let Watches { status, grants } = watches;
    let mut task = Task { lull, inbox, status, grants, events, failing: None, held: None };
    task.publish(pending);
    while let Some(wake) = task.wait().await {
        task.turn(wake);
    }
}

/// What the loop owns between turns.
struct Task {
    lull: Lull,
    inbox: mpsc::Receiver<Job>,
    status: watch::Sender<Status>,
    grants: watch::Sender<Arc<Grants>>,
    events: Events,
    /// Set while ticks fail, cleared by the first one that succeeds.
    failing: Option<Failing>,
    /// The job found behind a group of arriving messages, served at the next turn.
    held: Option<Job>,
}

/// What woke the task.
#[allow(clippy::large_enum_variant, reason = "one per turn, moved once; boxing would allocate per message")]
enum Wake {
    Job(Job),
    /// The next deadline (or a failing tick's retry) came.
    Deadline,
}

/// What a turn made: the changes to publish, then the callers to answer.
#[derive(Default)]
struct Turn {
    changes: Vec<Change>,
    responds: Vec<Respond>,
}

impl Task {
    /// Waits for the next job or the next deadline; `None` once every handle is gone.
    async fn wait(&mut self) -> Option<Wake> {
        if let Some(job) = self.held.take() {
            return Some(Wake::Job(job));
        }
        let sleep = self.next_wakeup().map(|at| self.lull.clock().sleep_until(at));
        tokio::select! {
            job = self.inbox.recv() => job.map(Wake::Job),
            () = sleep_or_never(sleep) => Some(Wake::Deadline),
        }
    }

    /// One turn: apply what is due, serve the job, tick again, publish, answer.
    fn turn(&mut self, wake: Wake) {
        // A job arriving while ticks fail is still served (a read, a stop), but the failing tick
        // is only retried once its backoff has passed: a full disk must not make the loop spin.
        let retry_due = self.failing.as_ref().is_none_or(|f| self.lull.now() >= f.fault.retry_at);

        // Whatever woke us, first apply what is due, so a command sees the present state (a stop
        // that arrives after the deadline finds the block completed); after the command, tick
        // again so its consequences (a new mode, a release) follow at once.
        let mut turn = Turn::default();
        if retry_due {
            turn.changes = self.tick();
        }
        match wake {
            Wake::Deadline => {}
            Wake::Job(Job::Run(work)) => {
                let (made, respond) = run_work(&mut self.lull, work);
                turn.changes.extend(made);
                turn.responds.push(respond);
            }
            Wake::Job(Job::Receive(message, reply)) => self.receive(message, reply, &mut turn),
        }
        if !turn.responds.is_empty() && self.failing.is_none() {
            turn.changes.extend(self.tick());
        }
        self.publish(turn.changes);
        for respond in turn.responds {
            respond();
        }
    }

    /// Stores `message` and every one queued behind it in one transaction (group commit); each
    /// sender's answer joins `turn`, and a bad message fails only its own.
    fn receive(&mut self, message: NewMessage, reply: Reply, turn: &mut Turn) {
        let (batch, replies): (Vec<_>, Vec<_>) = self.gather(message, reply).into_iter().unzip();
        let replaces: Vec<bool> = batch.iter().map(|m| m.replace).collect();
        let lull = &mut self.lull;
        let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lull.receive_batch(batch)))
            .unwrap_or_else(|_| {
                tracing::error!("engine: storing messages failed with a bug");
                Vec::new() // every reply is dropped: each sender gets `internal`
            });
        for ((result, reply), replace) in results.into_iter().zip(replies).zip(replaces) {
            let result = result.map(|(receipt, stored)| {
                turn.changes.extend(stored.map(|message| Change::Received { message }));
                if receipt.duplicate && replace {
                    // Updated in place (a desktop notification's `replaces_id`): the
                    // views showing it must hear of it like any other change.
                    turn.changes.push(Change::InboxChanged { ids: vec![receipt.id] });
                }
                receipt
            });
            turn.responds.push(Box::new(move || {
                let _ = reply.send(result);
            }));
        }
    }

    /// `message` and every message already queued behind it, up to [`MAX_GROUP`]; the first other
    /// job is kept for the next turn.
    fn gather(&mut self, message: NewMessage, reply: Reply) -> Vec<(NewMessage, Reply)> {
        let mut group = vec![(message, reply)];
        while group.len() < MAX_GROUP {
            match self.inbox.try_recv() {
                Ok(Job::Receive(message, reply)) => group.push((message, reply)),
                Ok(other) => {
                    self.held = Some(other);
                    break;
                }
                Err(_) => break,
            }
        }
        group
    }

    /// When to wake up next: the core's next deadline, but never sooner than a failing tick's
    /// retry, and never "never" while something is failing.
    fn next_wakeup(&mut self) -> Option<DateTime<Utc>> {
        let next = self.lull.next_wakeup();
        let wakeup = next.at;
        if let Some(err) = next.error {
            // One input could not be read: wake by the retry at the latest, never "never".
            tracing::warn!("engine: cannot compute the next wake-up: {err}");
            let failing = self.record_failure(err);
            return Some(wakeup.map_or(failing.fault.retry_at, |at| at.min(failing.fault.retry_at)));
        }
        match &self.failing {
            Some(failing) => Some(wakeup.map_or(failing.fault.retry_at, |at| at.max(failing.fault.retry_at))),
            None => wakeup,
        }
    }

    fn record_failure(&mut self, err: Error) -> &Failing {
        let now = self.lull.now();
        let (since, attempts) = match self.failing.take() {
            Some(f) => (f.fault.since, f.fault.attempts.saturating_add(1)),
            None => (now, 1),
        };
        let mut next = Failing { fault: Fault { error: err.body(), since, attempts, retry_at: now } };
        next.fault.retry_at = now + next.backoff();
        self.failing.insert(next)
    }

    /// Applies what is due; returns what was committed, even when a later step failed.
    fn tick(&mut self) -> Vec<Change> {
        let lull = &mut self.lull;
        let tick =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lull.tick())).unwrap_or_else(|_| {
                crate::Tick {
                    changes: Vec::new(),
                    error: Some(Error::new(
                        ErrorCode::Internal,
                        "Lull hit a bug applying what is due; it will try again",
                    )),
                }
            });
        match tick.error {
            None => self.failing = None,
            Some(err) => {
                let failing = self.record_failure(err);
                tracing::warn!(
                    "engine: cannot apply due changes ({}); retrying in {} s",
                    failing.fault.error.message,
                    failing.backoff().num_seconds()
                );
            }
        }
        tick.changes
    }

    /// Publishes the status (with the fault, while ticks fail) and then `changes`.
    fn publish(&self, changes: Vec<Change>) {
        let fault = self.failing.as_ref().map(|f| f.fault.clone());
        // The status goes out whenever it differs from the last one, whether or not a change came
        // with it (an override set, a skipped occurrence, a new day).
        match self.lull.status() {
            Ok(mut now) => {
                now.fault = fault;
                self.status.send_if_modified(|last| {
                    let differs = *last != now;
                    if differs {
                        *last = now;
                    }
                    differs
                });
            }
            Err(err) => {
                tracing::warn!("engine: cannot read the status: {err}");
                self.status.send_if_modified(|last| {
                    let differs = last.fault != fault;
                    last.fault = fault;
                    differs
                });
            }
        }
        if changes.iter().any(|c| matches!(c, Change::TokensChanged { .. })) {
            match self.lull.grants() {
                Ok(grants) => {
                    self.grants.send_replace(Arc::new(grants));
                }
                // Keeping the old ones would let a revoked token work: none work until a read
                // succeeds (the control token still does).
                Err(err) => {
                    tracing::warn!("engine: cannot read the publish tokens: {err}");
                    self.grants.send_replace(Arc::new(Grants::default()));
                }
            }
        }
        for change in changes {
            self.events.send(change);
        }
    }
}

/// Waits for `sleep`, or forever when there is nothing to wait for.
async fn sleep_or_never(sleep: Option<Sleep>) {
    match sleep {
        Some(sleep) => sleep.await,
        None => std::future::pending().await,
    }
}

/// Runs a job; a job that panics (a bug) answers its caller with `internal` and the engine
/// carries on: its transaction, if one was open, was rolled back when it unwound.
fn run_work(lull: &mut Lull, work: Work) -> (Vec<Change>, Respond) {
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
