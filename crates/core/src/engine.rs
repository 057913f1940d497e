//! The engine: one tokio task that owns the [`Lull`] and therefore every write.
//!
//! Everything that changes state arrives here as a [`Command`] (a click, an API call) or as a
//! wake-up at the next deadline; the task applies it, then publishes the new [`Status`] on a
//! `watch` channel and each [`Event`] on a broadcast channel. The tray, the windows and (later)
//! the HTTP API only render what they receive, and never decide anything themselves.
//!
//! Between deadlines the task sleeps on the clock, so an idle Lull has no periodic wake-ups.

use std::future::Future;

use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::error::{Error, ErrorCode, Result};
use crate::focus::FocusBlock;
use crate::lull::{Change, Lull};
use crate::status::Status;

/// What the engine tells its listeners, in the order it happened.
pub type Event = Change;

enum Command {
    Start { duration_secs: i64, intent: Option<String>, reply: oneshot::Sender<Result<FocusBlock>> },
    Extend { by_secs: i64, reply: oneshot::Sender<Result<FocusBlock>> },
    Stop { reply: oneshot::Sender<Result<FocusBlock>> },
}

/// A handle to the running engine. Cheap to clone; every clone talks to the same task.
#[derive(Debug, Clone)]
pub struct Engine {
    commands: mpsc::Sender<Command>,
    status: watch::Receiver<Status>,
    events: broadcast::Sender<Event>,
}

impl Engine {
    /// Builds the engine around `lull` and returns its handle and the task to spawn on a tokio
    /// runtime. `pending` are the changes `Lull::open` made (they are published first).
    pub fn new(
        lull: Lull,
        pending: Vec<Change>,
    ) -> Result<(Self, impl Future<Output = ()> + Send + 'static)> {
        let (commands, inbox) = mpsc::channel(64);
        let (status_tx, status) = watch::channel(lull.status()?);
        let (events, _) = broadcast::channel(256);
        let task = run(lull, inbox, status_tx, events.clone(), pending);
        Ok((Self { commands, status, events }, task))
    }

    pub async fn start_focus(&self, duration_secs: i64, intent: Option<String>) -> Result<FocusBlock> {
        self.ask(|reply| Command::Start { duration_secs, intent, reply }).await
    }

    pub async fn extend_focus(&self, by_secs: i64) -> Result<FocusBlock> {
        self.ask(|reply| Command::Extend { by_secs, reply }).await
    }

    pub async fn stop_focus(&self) -> Result<FocusBlock> {
        self.ask(|reply| Command::Stop { reply }).await
    }

    /// The latest published status.
    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// A receiver that sees every status the engine publishes from now on.
    pub fn watch_status(&self) -> watch::Receiver<Status> {
        self.status.clone()
    }

    /// A receiver of every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    async fn ask<T>(&self, command: impl FnOnce(oneshot::Sender<Result<T>>) -> Command) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(command(reply)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> Error {
    Error::new(ErrorCode::EngineStopped, "Lull's engine has stopped; restart Lull")
}

async fn run(
    mut lull: Lull,
    mut inbox: mpsc::Receiver<Command>,
    status: watch::Sender<Status>,
    events: broadcast::Sender<Event>,
    pending: Vec<Change>,
) {
    publish(&lull, &status, &events, pending);
    loop {
        let wakeup = match lull.next_wakeup() {
            Ok(wakeup) => wakeup,
            Err(err) => {
                eprintln!("lull: engine: cannot read the next deadline: {err}");
                None
            }
        };
        let sleep = wakeup.map(|at| lull.clock().sleep_until(at));
        let command = tokio::select! {
            command = inbox.recv() => match command {
                Some(command) => Some(command),
                None => return, // every handle is gone: the app is shutting down
            },
            () = async { match sleep { Some(sleep) => sleep.await, None => std::future::pending().await } } => None,
        };

        // Whatever woke us, first apply what is due, so a command sees the present state
        // (a stop that arrives after the deadline finds the block completed).
        let mut changes = lull.tick().unwrap_or_else(|err| {
            eprintln!("lull: engine: cannot apply due changes: {err}");
            Vec::new()
        });
        if let Some(command) = command {
            changes.extend(apply(&mut lull, command));
        }
        publish(&lull, &status, &events, changes);
    }
}

/// Runs one command, answers its caller and returns the change it made, if any.
fn apply(lull: &mut Lull, command: Command) -> Option<Change> {
    fn answer(reply: oneshot::Sender<Result<FocusBlock>>, result: Result<FocusBlock>) -> Option<FocusBlock> {
        let block = result.as_ref().ok().cloned();
        // The caller may have given up waiting; the change stands either way.
        let _ = reply.send(result);
        block
    }
    match command {
        Command::Start { duration_secs, intent, reply } => {
            answer(reply, lull.start_focus(duration_secs, intent.as_deref())).map(Change::Started)
        }
        Command::Extend { by_secs, reply } => answer(reply, lull.extend_focus(by_secs)).map(Change::Extended),
        Command::Stop { reply } => {
            answer(reply, lull.stop_focus()).map(|block| Change::Ended { block, while_away: false })
        }
    }
}

fn publish(
    lull: &Lull,
    status: &watch::Sender<Status>,
    events: &broadcast::Sender<Event>,
    changes: Vec<Change>,
) {
    if changes.is_empty() {
        return;
    }
    match lull.status() {
        Ok(now) => {
            status.send_replace(now);
        }
        Err(err) => eprintln!("lull: engine: cannot read the status: {err}"),
    }
    for change in changes {
        // No subscriber is fine: nobody is listening for events right now.
        let _ = events.send(change);
    }
}
