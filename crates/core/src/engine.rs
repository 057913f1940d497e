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

use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::error::{Error, ErrorCode, Result};
use crate::focus::FocusBlock;
use crate::local_time::TimeOfDay;
use crate::lull::{Change, GroupKey, InboxOverview, InboxPage, InboxStart, Lull, SnoozeUntil, Stats};
use crate::message::{Message, MessageId, NewMessage, Receipt};
use crate::settings::Settings;
use crate::status::Status;

/// What the engine tells its listeners, in the order it happened.
pub type Event = Change;

/// A unit of work for the engine task: it returns the changes it made and the answer to send
/// once they are published.
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
    events: broadcast::Sender<Event>,
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
        let (events, _) = broadcast::channel(1024);
        let task = run(lull, inbox, status_tx, events.clone(), pending);
        Ok((Self { jobs, status, events }, task))
    }

    pub async fn start_focus(&self, duration_secs: i64, intent: Option<String>) -> Result<FocusBlock> {
        self.change(move |lull| {
            let block = lull.start_focus(duration_secs, intent.as_deref())?;
            Ok((block.clone(), vec![Change::Started { block }]))
        })
        .await
    }

    pub async fn extend_focus(&self, by_secs: i64) -> Result<FocusBlock> {
        self.change(move |lull| {
            let block = lull.extend_focus(by_secs)?;
            Ok((block.clone(), vec![Change::Extended { block }]))
        })
        .await
    }

    pub async fn stop_focus(&self) -> Result<FocusBlock> {
        self.change(|lull| {
            let block = lull.stop_focus()?;
            Ok((block.clone(), vec![Change::Ended { block, while_away: false }]))
        })
        .await
    }

    /// Takes in a message from any source; answers once it is committed.
    pub async fn receive(&self, message: NewMessage) -> Result<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Receive(message, reply)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    pub async fn done(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.change(move |lull| inbox_changed(lull.done(&ids)?)).await
    }

    pub async fn undone(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.change(move |lull| inbox_changed(lull.undone(&ids)?)).await
    }

    pub async fn snooze(&self, ids: Vec<MessageId>, until: SnoozeUntil) -> Result<DateTime<Utc>> {
        self.change(move |lull| {
            let at = lull.snooze(&ids, until)?;
            Ok((at, vec![Change::InboxChanged { ids }]))
        })
        .await
    }

    pub async fn unsnooze(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.change(move |lull| inbox_changed(lull.unsnooze(&ids)?)).await
    }

    pub async fn pin(&self, ids: Vec<MessageId>, due: Option<DateTime<Utc>>) -> Result<Vec<MessageId>> {
        self.change(move |lull| inbox_changed(lull.pin(&ids, due)?)).await
    }

    pub async fn unpin(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.change(move |lull| inbox_changed(lull.unpin(&ids)?)).await
    }

    pub async fn working_late(&self, until: TimeOfDay) -> Result<DateTime<Utc>> {
        self.change(move |lull| Ok((lull.working_late(until)?, Vec::new()))).await
    }

    pub async fn done_for_today(&self) -> Result<DateTime<Utc>> {
        self.change(|lull| Ok((lull.done_for_today()?, Vec::new()))).await
    }

    pub async fn clear_overrides(&self) -> Result<()> {
        self.change(|lull| Ok((lull.clear_overrides()?, Vec::new()))).await
    }

    pub async fn update_settings(&self, settings: Settings) -> Result<Settings> {
        self.change(move |lull| {
            let settings = lull.update_settings(settings)?;
            Ok((settings.clone(), vec![Change::SettingsChanged { settings }]))
        })
        .await
    }

    pub async fn skip_scheduled(&self, schedule_id: u32, date: NaiveDate) -> Result<()> {
        self.change(move |lull| Ok((lull.skip_scheduled(schedule_id, date)?, Vec::new()))).await
    }

    pub async fn export(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        self.read(move |lull| lull.export(date)).await
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

    /// A receiver of every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Lull) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        self.change(move |lull| Ok((f(lull)?, Vec::new()))).await
    }

    async fn change<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Lull) -> Result<(T, Vec<Change>)> + Send + 'static,
    ) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |lull| {
            let (changes, result) = match f(lull) {
                Ok((value, changes)) => (changes, Ok(value)),
                Err(err) => (Vec::new(), Err(err)),
            };
            // The caller may have given up waiting; the change stands either way.
            let respond: Box<dyn FnOnce() + Send> = Box::new(move || {
                let _ = reply.send(result);
            });
            (changes, respond)
        });
        self.jobs.send(Job::Run(work)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn inbox_changed(ids: Vec<MessageId>) -> Result<(Vec<MessageId>, Vec<Change>)> {
    Ok((ids.clone(), vec![Change::InboxChanged { ids }]))
}

fn stopped() -> Error {
    Error::new(ErrorCode::EngineStopped, "Lull's engine has stopped; restart Lull")
}

async fn run(
    mut lull: Lull,
    mut inbox: mpsc::Receiver<Job>,
    status: watch::Sender<Status>,
    events: broadcast::Sender<Event>,
    pending: Vec<Change>,
) {
    publish(&mut lull, &status, &events, pending);
    let mut next_job: Option<Job> = None;
    loop {
        let job = match next_job.take() {
            Some(job) => Some(job),
            None => {
                let next = lull.next_wakeup();
                if let Some(err) = &next.error {
                    eprintln!("lull: engine: cannot compute the next wake-up: {err}");
                }
                let wakeup = next.at;
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

        // Whatever woke us, first apply what is due, so a command sees the present state (a stop
        // that arrives after the deadline finds the block completed); after the command, tick
        // again so its consequences (a new mode, a release) follow at once.
        let mut changes = tick(&mut lull);
        let mut responds: Vec<Box<dyn FnOnce() + Send>> = Vec::new();
        match job {
            None => {}
            Some(Job::Run(work)) => {
                let (made, respond) = work(&mut lull);
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
                for (result, reply) in lull.receive_batch(batch).into_iter().zip(replies) {
                    let result = result.map(|(receipt, stored)| {
                        changes.extend(stored.map(|message| Change::Received { message }));
                        receipt
                    });
                    responds.push(Box::new(move || {
                        let _ = reply.send(result);
                    }));
                }
            }
        }
        if !responds.is_empty() {
            changes.extend(tick(&mut lull));
        }
        publish(&mut lull, &status, &events, changes);
        for respond in responds {
            respond();
        }
    }
}

fn tick(lull: &mut Lull) -> Vec<Change> {
    let tick = lull.tick();
    if let Some(err) = tick.error {
        eprintln!("lull: engine: cannot apply due changes: {err}");
    }
    tick.changes
}

fn publish(
    lull: &mut Lull,
    status: &watch::Sender<Status>,
    events: &broadcast::Sender<Event>,
    changes: Vec<Change>,
) {
    // The status goes out whenever it differs from the last one, whether or not a change came
    // with it (an override set, a skipped occurrence, a new day).
    match lull.status() {
        Ok(now) => {
            status.send_if_modified(|last| {
                let differs = *last != now;
                if differs {
                    *last = now;
                }
                differs
            });
        }
        Err(err) => eprintln!("lull: engine: cannot read the status: {err}"),
    }
    let announced_digest = changes.iter().any(|c| matches!(c, Change::Digest { .. }));
    for change in changes {
        // No subscriber is fine: nobody is listening for events right now.
        let _ = events.send(change);
    }
    if announced_digest && let Err(err) = lull.mark_digests_announced() {
        eprintln!("lull: engine: cannot record that a digest was announced: {err}");
    }
}
