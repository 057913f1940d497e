//! [`Lull`]: the core, opened with a database path and a clock.
//!
//! It is synchronous and single-threaded on purpose: the engine task owns the one `Lull` and feeds
//! it one event at a time, so every decision sees a consistent state. Tests may drive a `Lull`
//! directly; the apps go through the [`crate::engine::Engine`].
//!
//! The one rule of its shape: after anything happens (a command, a wake-up), [`Lull::tick`]
//! applies what is due at the clock's present, in a fixed order (blocks ending, scheduled blocks
//! starting, snoozes returning, the mode changing and releasing held messages, pins falling due, delivered
//! popups filing themselves, the daily review),
//! and [`Lull::next_wakeup`] says when it next has something to do.
//!
//! The core authors every [`Change`] it makes: a command pushes its changes (once committed) to
//! a buffer that [`Lull::take_changes`] drains, and a tick returns its own in its [`Tick`], so a
//! test that drives a `Lull` sees exactly what the engine publishes to the tray, the window and
//! the event stream. Arriving messages are the one exception: [`Lull::receive_batch`] hands
//! each stored message back to its caller, which publishes its arrival (the engine does, after
//! the group's commit), so a bulk import that never publishes does not pile them up here.

mod away;
mod cursors;
mod first_run;
mod focus;
mod inbox;
mod meetings;
mod modes;
mod pins;
mod proposals;
mod review;
mod screen;
mod snooze;
mod tick;
mod tokens;
mod views;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::block::FocusBlock;
use crate::clock::Clock;
use crate::digest::Digest;
use crate::error::Result;
use crate::local_time::{local_date, resolve_local};
use crate::message::{Message, MessageId};
use crate::presence::{Away, Presence};
use crate::settings::Settings;
use crate::status::{Status, TodaySummary};
use crate::store::{Store, digests, messages, state};
use crate::timeline::Mode;
use crate::token::publish::PublishToken;

pub use inbox::{
    DEFAULT_PAGE, InboxPage, MAX_BULK, MAX_PAGE, SnoozeChoice, SnoozeKey, SnoozeUntil, fts_query,
};
pub use proposals::ProposedBlock;
pub use review::{
    Breakthrough, DayStats, GroupKey, GroupPage, InboxGroup, InboxOverview, InboxStart, MAX_STATS_WEEKS,
    MessageStory, Missed, Stats, WeekStats,
};
pub use tick::{Tick, Wakeup};

/// Something the core did that others may want to react to (a notification, a tray update, a
/// line on the event stream).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    Started {
        block: FocusBlock,
    },
    Extended {
        block: FocusBlock,
    },
    /// A block ended. `while_away` is true when it ran out while Lull was not running, so it
    /// was recorded at its deadline on start-up and nobody saw it end.
    Ended {
        block: FocusBlock,
        while_away: bool,
    },
    ModeChanged {
        from: Mode,
        to: Mode,
    },
    /// A message arrived (held, delivered or broke through: see its state and decision).
    Received {
        message: Message,
    },
    /// Snoozed messages came back while Open and are delivered again.
    Resurfaced {
        messages: Vec<Message>,
    },
    /// Pinned messages whose due date has come (announced once, while Open).
    PinsDue {
        messages: Vec<Message>,
    },
    /// Held messages were released together.
    Digest {
        digest: Digest,
    },
    /// The daily review time came.
    ReviewDue {
        count: i64,
    },
    /// Messages changed state (done, snoozed, pinned, …).
    InboxChanged {
        ids: Vec<MessageId>,
    },
    SettingsChanged {
        settings: Settings,
    },
    /// The desktop said the user left or came back. `previous` is what it said before: coming
    /// back from `asleep`, remote sources reconnect at once.
    PresenceChanged {
        presence: Presence,
        previous: Presence,
        away: Option<Away>,
    },
    /// The desktop said the screen went on show (a fullscreen window, shared) or back to
    /// private.
    ScreenChanged {
        screen: crate::screen::Screen,
        previous: crate::screen::Screen,
        presenting: Option<crate::screen::Presenting>,
    },
    /// Today's focus proposals changed because the user answered one (accepted, skipped,
    /// moved): the list as it is now.
    ProposalsChanged {
        proposals: Vec<ProposedBlock>,
    },
    /// A publish token was made or revoked; the list as it is now (no secrets).
    TokensChanged {
        tokens: Vec<PublishToken>,
    },
}

/// The engine's own bookkeeping, kept in the database so that a restart carries on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct EngineState {
    /// The mode when last looked at: a difference is a transition.
    last_mode: Option<Mode>,
    working_late_until: Option<DateTime<Utc>>,
    done_for_today_until: Option<DateTime<Utc>>,
    last_review_date: Option<NaiveDate>,
    last_prune_date: Option<NaiveDate>,
    last_release_at: Option<DateTime<Utc>>,
    /// Why it was Quiet when last looked at: leaving a meeting releases with reason meeting.
    last_quiet: Option<crate::timeline::QuietReason>,
}

const ENGINE_STATE: &str = "engine";

pub struct Lull {
    store: Store,
    clock: Arc<dyn Clock>,
    settings: Settings,
    state: EngineState,
    first_run: first_run::FirstRun,
    /// Today's arrivals (held, broke through), kept up to date by `receive` so that the status,
    /// built after every command, does not count a whole day of messages each time. Recounted
    /// when the local day (or the time zone) changes.
    today: std::cell::Cell<Option<TodayCounts>>,
    /// What the commands changed since the last [`Lull::take_changes`], in order.
    changes: Vec<Change>,
    /// Where the user is, as the presence sources last said (see `away.rs`).
    presence: away::PresenceState,
    /// What the screen shows, as the screen sources last said (see `screen.rs`).
    screen: screen::ScreenState,
    /// The calendars' events and their occurrences around now (see `meetings.rs`).
    calendars: crate::calendar::Book,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TodayCounts {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    held: i64,
    broke_through: i64,
}

impl std::fmt::Debug for Lull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lull").field("store", &self.store).field("state", &self.state).finish_non_exhaustive()
    }
}

impl Lull {
    /// Opens the database at `path` (creating it if needed) and settles what happened while Lull
    /// was not running: a block whose deadline passed is recorded as completed at its deadline,
    /// held messages are released if it is Open now, a digest recorded but never announced (a
    /// crash came between) is announced. The returned changes are for the listeners.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<(Self, Vec<Change>)> {
        let store = Store::open(path)?;
        let settings = state::load_settings::<Settings>(store.conn())?.unwrap_or_default();
        let state = state::load::<EngineState>(store.conn(), ENGINE_STATE)?.unwrap_or_default();
        let first_run = state::load(store.conn(), first_run::FIRST_RUN)?.unwrap_or_default();
        let mut lull = Self {
            store,
            clock,
            settings,
            state,
            first_run,
            today: std::cell::Cell::new(None),
            changes: Vec::new(),
            presence: away::PresenceState::default(),
            screen: screen::ScreenState::default(),
            calendars: crate::calendar::Book::default(),
        };
        lull.calendars = crate::calendar::Book::new(crate::store::calendars::load(lull.store.conn())?);
        lull.keep_enabled_calendars()?;
        let mut changes = lull.unannounced_digests()?;
        // A step failing at start-up refuses the start, as a database that cannot be written
        // now should: what earlier steps committed stays in the file (a digest is announced at
        // the next start), only their events are not published.
        changes.extend(lull.settle(true).into_result()?);
        Ok((lull, changes))
    }

    /// The changes the commands made since the last call, in order, for the listeners. A
    /// command pushes its changes only once they are committed; a failed one pushes none.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Records a committed change for [`Lull::take_changes`].
    fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Caps the database file at `max_bytes`: past it, writes are refused with `disk_full` and
    /// change nothing, exactly as when the disk is full.
    pub fn limit_database_size(&mut self, max_bytes: u64) -> Result<()> {
        self.store.limit_size(max_bytes)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Everything a window or a status bar shows.
    pub fn status(&self) -> Result<Status> {
        let now = self.now();
        let zone = self.clock.time_zone();
        let timeline = self.timeline(now)?;
        let (from, to) = local_day_bounds(local_date(now, zone), zone);
        let blocks = self.store.blocks_started_between(from, to)?;
        let (messages_held, messages_broke_through) = self.today_counts(from, to)?;
        let block = self.store.running_block()?;
        let block_breakthroughs = match &block {
            Some(block) => messages::breakthroughs_in_block(self.store.conn(), block.id)?,
            None => 0,
        };
        // The running block's time gone so far is added to it on return; it is not focus now.
        let gone = block.as_ref().map_or(0, |b| self.presence.left_secs(b.started_at, now.min(b.deadline)));
        let today = TodaySummary {
            focus_secs: blocks.iter().map(|b| b.focused_secs(now)).sum::<i64>() - gone,
            blocks_completed: blocks
                .iter()
                .filter(|b| b.outcome == Some(crate::block::Outcome::Completed))
                .count() as i64,
            blocks,
            messages_held,
            messages_broke_through,
        };
        Ok(Status {
            mode: timeline.mode_at(now),
            quiet_reason: timeline.quiet_reason_at(now),
            away: self.presence.away,
            presenting: self.screen.presenting,
            meeting: self.meeting_at(now),
            next_change: timeline.next_change(now),
            block,
            block_breakthroughs,
            held: messages::held_count(self.store.conn())?,
            first_run: self.first_run(),
            working_late_until: self.state.working_late_until.filter(|&t| t > now),
            done_for_today_until: self.state.done_for_today_until.filter(|&t| t > now),
            today,
            proposals: self.focus_proposals()?,
            fault: None,
        })
    }

    /// The messages received and the blocks started on the local day `date` (all of them when
    /// `None`), oldest first.
    pub fn export(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        let mut export = self.export_head(date)?;
        export.messages = messages::received_between(self.store.conn(), export.from, export.to)?;
        Ok(export)
    }

    /// The blocks of an export and its span, without the messages, which
    /// [`Lull::export_messages`] reads in pages.
    pub fn export_head(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        let zone = self.clock.time_zone();
        let (from, to) = match date {
            Some(date) => local_day_bounds(date, zone),
            None => (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC),
        };
        let mut blocks = self.store.blocks_started_between(from, to)?;
        blocks.reverse();
        Ok(crate::export::Export { date, from, to, blocks, messages: Vec::new() })
    }

    /// Up to `limit` messages received in `[from, to)` after the message `after` (its received
    /// time and id), oldest first.
    pub fn export_messages(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        after: Option<(DateTime<Utc>, MessageId)>,
        limit: usize,
    ) -> Result<Vec<Message>> {
        messages::received_page(self.store.conn(), from, to, after, limit)
    }

    /// Today's (held, broke through) arrivals for the day `[from, to)`: counted once a day, then
    /// kept up to date by [`Lull::count_arrival`].
    fn today_counts(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(i64, i64)> {
        if let Some(today) = self.today.get()
            && (today.from, today.to) == (from, to)
        {
            return Ok((today.held, today.broke_through));
        }
        let (held, broke_through) = messages::arrivals_between(self.store.conn(), from, to)?;
        self.today.set(Some(TodayCounts { from, to, held, broke_through }));
        Ok((held, broke_through))
    }

    /// Counts a message that just arrived (at `at`, with `decision`) into today's figures.
    fn count_arrival(&self, at: DateTime<Utc>, decision: crate::message::Decision) {
        if let Some(mut today) = self.today.get()
            && today.from <= at
            && at < today.to
        {
            match decision {
                crate::message::Decision::Held => today.held += 1,
                crate::message::Decision::BrokeThrough => today.broke_through += 1,
                crate::message::Decision::Delivered => {}
            }
            self.today.set(Some(today));
        }
    }

    /// Replaces the settings after validating them as a whole; nothing changes if they are invalid.
    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validate()?;
        self.store.write(|tx| state::save_settings(tx, &settings))?;
        self.settings = settings.clone();
        self.calendars.forget();
        // The settings are saved: a calendar's events that cannot be deleted now are deleted at
        // the next start, and meanwhile no longer count.
        if let Err(err) = self.keep_enabled_calendars() {
            tracing::warn!("cannot forget the events of calendars that are gone: {err}");
        }
        self.push(Change::SettingsChanged { settings: settings.clone() });
        Ok(settings)
    }

    /// [`Lull::update_settings`] for a surface that may not change hooks (HTTP, where a web of
    /// tools holds tokens): the hooks must be the ones in force.
    pub fn update_settings_keeping_hooks(&mut self, settings: Settings) -> Result<Settings> {
        if settings.hooks != self.settings.hooks {
            return Err(crate::error::Error::new(
                crate::error::ErrorCode::HooksLocalOnly,
                "hooks run commands as you, so they are changed only from Lull's window or the `lull` command on this machine (lull settings import), not over HTTP",
            )
            .in_field("hooks"));
        }
        self.update_settings(settings)
    }

    fn save_state(&mut self, state: EngineState) -> Result<()> {
        self.store.write(|tx| state::save(tx, ENGINE_STATE, &state))?;
        self.state = state;
        Ok(())
    }

    fn review_if_due(&mut self, now: DateTime<Utc>) -> Result<Option<Change>> {
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        if self.state.last_review_date == Some(today) {
            return Ok(None);
        }
        let Some(at) = self.settings.review_at(zone, today) else { return Ok(None) };
        if now < at {
            return Ok(None);
        }
        // A reminder hours late (Lull was not running) is noise: record the day, say nothing.
        let fresh = now - at < TimeDelta::hours(2);
        let count = messages::not_done_count(self.store.conn())?;
        self.save_state(EngineState { last_review_date: Some(today), ..self.state.clone() })?;
        Ok(fresh.then_some(Change::ReviewDue { count }))
    }

    fn next_review(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        (0..8).map(|d| today + TimeDelta::days(d)).find_map(|date| {
            if self.state.last_review_date >= Some(date) {
                return None;
            }
            self.settings.review_at(zone, date).filter(|&at| at > now)
        })
    }

    fn prune_once_a_day(&mut self, now: DateTime<Utc>) -> Result<()> {
        let today = local_date(now, self.clock.time_zone());
        if self.state.last_prune_date == Some(today) {
            return Ok(());
        }
        if let Some(days) = self.settings.retention_days {
            let before = now - TimeDelta::days(i64::from(days));
            self.store.write(|tx| messages::prune_done(tx, before))?;
        }
        self.forget_old_answers(today)?;
        self.save_state(EngineState { last_prune_date: Some(today), ..self.state.clone() })
    }

    fn unannounced_digests(&self) -> Result<Vec<Change>> {
        let mut changes = Vec::new();
        for json in digests::unannounced(self.store.conn())? {
            if let Ok(digest) = serde_json::from_str::<Digest>(&json) {
                changes.push(Change::Digest { digest });
            }
        }
        Ok(changes)
    }

    /// The digests recorded but never announced, oldest first.
    pub fn unannounced_digest_list(&self) -> Result<Vec<Digest>> {
        Ok(digests::unannounced(self.store.conn())?
            .iter()
            .filter_map(|json| serde_json::from_str::<Digest>(json).ok())
            .collect())
    }

    /// Records that the digest `id` was shown.
    pub fn mark_digest_announced(&mut self, id: i64) -> Result<()> {
        let now = self.now();
        self.store.write(|tx| digests::mark_announced(tx, id, now))
    }

    /// Makes every later write fail as on a read-only file system (`read_only`), or lifts that.
    #[doc(hidden)]
    pub fn refuse_writes(&mut self, refuse: bool) -> Result<()> {
        self.store.refuse_writes(refuse)
    }

    /// Records that every digest published so far was announced.
    pub fn mark_digests_announced(&mut self) -> Result<()> {
        let now = self.now();
        self.store.write(|tx| digests::mark_all_announced(tx, now))
    }
}

/// The instants at which the local day `date` starts and ends.
pub(crate) fn local_day_bounds(date: NaiveDate, zone: chrono_tz::Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = resolve_local(date.and_time(NaiveTime::MIN), zone);
    let end = date
        .succ_opt()
        .map(|next| resolve_local(next.and_time(NaiveTime::MIN), zone))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    (start, end)
}
