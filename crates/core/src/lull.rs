//! [`Lull`]: the core, opened with a database path and a clock.
//!
//! It is synchronous and single-threaded on purpose: the engine task owns the one `Lull` and feeds
//! it one event at a time, so every decision sees a consistent state. Tests may drive a `Lull`
//! directly; the desktop app and the CLI go through the [`crate::engine::Engine`].

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use crate::focus::{self, FocusBlock, MAX_FOCUS_SECS, Outcome};
use crate::status::{Status, TodaySummary};
use crate::store::Store;

/// Something the core did that others may want to react to (a notification, a tray update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Started(FocusBlock),
    Extended(FocusBlock),
    /// A block ended. `while_away` is true when it ran out while Lull was not running, so it
    /// was recorded at its deadline on start-up and nobody saw it end.
    Ended {
        block: FocusBlock,
        while_away: bool,
    },
}

pub struct Lull {
    store: Store,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Lull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lull").field("store", &self.store).finish_non_exhaustive()
    }
}

impl Lull {
    /// Opens the database at `path` (creating it if needed) and settles what happened while Lull
    /// was not running: a block whose deadline passed is recorded as completed at its deadline.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<(Self, Vec<Change>)> {
        let store = Store::open(path)?;
        let mut lull = Self { store, clock };
        let changes = lull.settle(true)?;
        Ok((lull, changes))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Applies everything that is due at the clock's current time: today, a block reaching its
    /// deadline. Call it after every wake-up; calling it early or twice does nothing.
    pub fn tick(&mut self) -> Result<Vec<Change>> {
        self.settle(false)
    }

    fn settle(&mut self, at_startup: bool) -> Result<Vec<Change>> {
        let now = self.now();
        let mut changes = Vec::new();
        if let Some(block) = self.store.running_block()?
            && block.deadline <= now
        {
            // Completed at its deadline, not at the moment we noticed (after a suspend or a
            // restart that can be much later).
            let block = self.store.end_block(block.id, block.deadline, Outcome::Completed)?;
            changes.push(Change::Ended { block, while_away: at_startup });
        }
        Ok(changes)
    }

    /// The next instant at which [`Lull::tick`] has something to do, if any.
    pub fn next_wakeup(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self.store.running_block()?.map(|block| block.deadline))
    }

    pub fn running_block(&self) -> Result<Option<FocusBlock>> {
        self.store.running_block()
    }

    pub fn start_focus(&mut self, duration_secs: i64, intent: Option<&str>) -> Result<FocusBlock> {
        let duration = focus::validate_duration(duration_secs)?;
        let intent = focus::validate_intent(intent)?;
        if let Some(running) = self.store.running_block()? {
            return Err(Error::new(
                ErrorCode::FocusAlreadyRunning,
                format!("a focus block is already running until {}", self.local_hhmm(running.deadline)),
            ));
        }
        self.store.insert_block(self.now(), duration.num_seconds(), intent.as_deref())
    }

    pub fn extend_focus(&mut self, by_secs: i64) -> Result<FocusBlock> {
        focus::validate_duration(by_secs)?;
        let block = self.require_running()?;
        if block.planned_secs + by_secs > MAX_FOCUS_SECS {
            return Err(Error::new(
                ErrorCode::DurationTooLong,
                format!(
                    "a focus block lasts at most 12 hours; this one is planned for {} already",
                    focus::human_secs(block.planned_secs)
                ),
            ));
        }
        self.store.extend_block(block.id, by_secs)
    }

    pub fn stop_focus(&mut self) -> Result<FocusBlock> {
        let block = self.require_running()?;
        self.store.end_block(block.id, self.now(), Outcome::Cancelled)
    }

    fn require_running(&self) -> Result<FocusBlock> {
        self.store
            .running_block()?
            .ok_or_else(|| Error::new(ErrorCode::NoFocusRunning, "no focus block is running"))
    }

    /// Everything a window or a status bar shows.
    pub fn status(&self) -> Result<Status> {
        let now = self.now();
        let zone = self.clock.time_zone();
        let today = now.with_timezone(&zone).date_naive();
        let start_of = |date: chrono::NaiveDate| {
            // The first valid instant of the local day (midnight can fall in a DST gap).
            (0..=3)
                .find_map(|hour| {
                    let time = NaiveTime::from_hms_opt(hour, 0, 0)?;
                    zone.from_local_datetime(&date.and_time(time)).earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(now)
        };
        let from = start_of(today);
        let to = today.succ_opt().map(start_of).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let blocks = self.store.blocks_started_between(from, to)?;
        let today = TodaySummary {
            focus_secs: blocks.iter().map(|b| b.focused_secs(now)).sum(),
            blocks_completed: blocks.iter().filter(|b| b.outcome == Some(Outcome::Completed)).count() as i64,
            blocks,
        };
        Ok(Status { block: self.store.running_block()?, today })
    }

    fn local_hhmm(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.clock.time_zone()).format("%H:%M").to_string()
    }
}
