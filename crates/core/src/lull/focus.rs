//! Focus blocks: started by hand or by a scheduled rule, extended, stopped, run out.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{Change, Lull};
use crate::block::{FocusBlock, MAX_FOCUS_SECS, Outcome, human_secs, validate_duration, validate_intent};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::local_date;

/// One day's occurrence of a scheduled block.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    id: u32,
    date: NaiveDate,
    end: DateTime<Utc>,
}

impl Lull {
    pub fn running_block(&self) -> Result<Option<FocusBlock>> {
        self.store.running_block()
    }

    pub fn start_focus(&mut self, duration_secs: i64, intent: Option<&str>) -> Result<FocusBlock> {
        let duration = validate_duration(duration_secs)?;
        let intent = validate_intent(intent)?;
        if let Some(running) = self.store.running_block()? {
            return Err(Error::new(
                ErrorCode::FocusAlreadyRunning,
                format!("a focus block is already running until {}", self.local_hhmm(running.deadline)),
            ));
        }
        let block = self.store.insert_block(self.now(), duration.num_seconds(), intent.as_deref())?;
        self.push(Change::Started { block: block.clone() });
        Ok(block)
    }

    pub fn extend_focus(&mut self, by_secs: i64) -> Result<FocusBlock> {
        validate_duration(by_secs)?;
        let block = self.require_running()?;
        if block.planned_secs + by_secs > MAX_FOCUS_SECS {
            return Err(Error::new(
                ErrorCode::DurationTooLong,
                format!(
                    "a focus block lasts at most 12 hours; this one is planned for {} already",
                    human_secs(block.planned_secs)
                ),
            ));
        }
        let block = self.store.extend_block(block.id, by_secs)?;
        self.push(Change::Extended { block: block.clone() });
        Ok(block)
    }

    /// Stops the running block (outcome: cancelled). Stopping means stop: a scheduled occurrence
    /// under way that a hand-started block had kept from starting counts as taken for the day,
    /// recorded with the stop in one transaction, so it does not start the moment after.
    pub fn stop_focus(&mut self) -> Result<FocusBlock> {
        let block = self.require_running()?;
        let now = self.now();
        let taken = match block.schedule_id {
            Some(_) => Vec::new(), // its own occurrence is taken by the block's row
            None => self.occurrences_under_way(now)?.into_iter().map(|o| (o.id, o.date)).collect(),
        };
        let away = self.presence.left_secs(block.started_at, now);
        let block = self.store.end_block(block.id, now, Outcome::Cancelled, away, &taken)?;
        self.push(Change::Ended { block: block.clone(), while_away: false });
        Ok(block)
    }

    /// Skips one occurrence of a scheduled block (the one on local date `date`). Skipping the
    /// occurrence that is running does not stop it: that is what Stop is for.
    pub fn skip_scheduled(&mut self, schedule_id: u32, date: NaiveDate) -> Result<()> {
        if !self.settings.schedule.iter().any(|s| s.id == schedule_id) {
            return Err(Error::new(
                ErrorCode::UnknownSchedule,
                format!("there is no scheduled block {schedule_id}"),
            ));
        }
        self.store.skip_occurrence(schedule_id, date)
    }

    fn require_running(&self) -> Result<FocusBlock> {
        self.store
            .running_block()?
            .ok_or_else(|| Error::new(ErrorCode::NoFocusRunning, "no focus block is running"))
    }

    pub(super) fn end_block_if_due(
        &mut self,
        now: DateTime<Utc>,
        at_startup: bool,
    ) -> Result<Option<Change>> {
        let Some(block) = self.store.running_block()? else { return Ok(None) };
        if block.deadline > now || self.presence.pauses_blocks(&self.settings.away) {
            return Ok(None);
        }
        // Completed at its deadline, not at the moment we noticed (after a suspend or a restart
        // that can be much later).
        let away = self.presence.left_secs(block.started_at, block.deadline);
        let block = self.store.end_block(block.id, block.deadline, Outcome::Completed, away, &[])?;
        Ok(Some(Change::Ended { block, while_away: at_startup }))
    }

    /// Starts the scheduled block whose occurrence is under way, unless a block runs or this
    /// occurrence already ran (a block stopped early does not come back) or was skipped.
    pub(super) fn start_scheduled_if_due(&mut self, now: DateTime<Utc>) -> Result<Option<Change>> {
        // Before the first run is finished nothing starts by itself (see `first_run.rs`).
        // Nor while nobody is at the machine: on return, if its window is still open.
        let gone = self.presence.holding(&self.settings.away).is_some_and(crate::presence::Presence::left);
        let nothing_booked = self.settings.schedule.is_empty()
            && self.settings.calendars.is_empty()
            && !self.settings.focus_time.on();
        if nothing_booked || self.first_run() || gone || self.store.running_block()?.is_some() {
            return Ok(None);
        }
        // Whole seconds, rounded up, so the block ends at (or a moment after) the occurrence's end.
        let secs_until =
            |end: DateTime<Utc>| (((end - now).num_milliseconds() + 999) / 1000).clamp(1, MAX_FOCUS_SECS);
        if let Some(due) = self.occurrences_under_way(now)?.into_iter().next() {
            let intent =
                self.settings.schedule.iter().find(|r| r.id == due.id).and_then(|r| r.intent.clone());
            let block = self.store.insert_scheduled_block(
                now,
                secs_until(due.end),
                intent.as_deref(),
                Some((due.id, due.date)),
            )?;
            return Ok(Some(Change::Started { block }));
        }
        let Some(booked) = self.booked_under_way(now)? else { return Ok(None) };
        let block = self.store.insert_booked_block(
            now,
            secs_until(booked.end),
            booked.intent.as_deref(),
            &booked.key,
        )?;
        Ok(Some(Change::Started { block }))
    }

    /// The scheduled occurrences that contain `now` and have not run nor been skipped, in the
    /// order of the rules (yesterday's first, for one running past midnight).
    fn occurrences_under_way(&self, now: DateTime<Utc>) -> Result<Vec<Occurrence>> {
        if self.settings.schedule.is_empty() {
            return Ok(Vec::new());
        }
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        let yesterday = today - TimeDelta::days(1);
        let taken = self.store.taken_occurrences(yesterday)?;
        let mut under_way = Vec::new();
        for date in [yesterday, today] {
            for (id, start, end) in self.settings.occurrences_on(date, zone) {
                if start <= now && now < end && !taken.contains(&(id, date)) {
                    under_way.push(Occurrence { id, date, end });
                }
            }
        }
        Ok(under_way)
    }

    pub(super) fn local_hhmm(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.clock.time_zone()).format("%H:%M").to_string()
    }
}
